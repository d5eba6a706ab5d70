using DataMesh.Contracts;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// The reader's verdict on documents the standards' own JSON schemas were asked about: each document below was
/// checked with the official bitol-io schemas (ODCS v3.1.0, ODPS v1.0.0; the v3.0.2 one against the ODCS v3.0.2
/// schema it declares) and the verdict written here, so the test needs no copy of the schemas. Validity is the
/// first step only; what the mesh asks beyond the standard is <see cref="MeshGovernance"/>, asserted separately.
/// </summary>
public sealed class StandardConformanceTests
{
    /// <summary>
    /// Documents valid against the official schema: the reader takes them. v302 has a v3.0.x boolean
    /// exclusiveMinimum, valid against the ODCS v3.0.2 schema it declares (v3.1.0 writes the bound itself).
    /// </summary>
    [Theory]
    [InlineData("minimal.odcs.yaml")]
    [InlineData("foreign.odcs.yaml")]
    [InlineData("v302.odcs.yaml")]
    [InlineData("v310-bounds.odcs.yaml")]
    [InlineData("kafka-avro.odcs.yaml")]
    [InlineData("valid-values.odcs.yaml")]
    [InlineData("examples-property.odcs.yaml")]
    [InlineData("port-no-upstream.odps.yaml")]
    [InlineData("port-upstream.odps.yaml")]
    [InlineData("output-no-contract.odps.yaml")]
    [InlineData("every-server.odcs.yaml")]
    [InlineData("postgres-server.odcs.yaml")]
    public void A_document_the_standard_accepts_is_read(string name) => Read(name, Documents[name]);

    /// <summary>Documents the official schema refuses, with the reader's reason at the line the schema names.</summary>
    [Theory]
    [InlineData("no-id.odcs.yaml",
        "no-id.odcs.yaml:1:1: id: is required")]
    [InlineData("old-api.odcs.yaml",
        "old-api.odcs.yaml:1:1: apiVersion: 'v2.9.0' is not one of v3.1.0, v3.0.0, v3.0.1, v3.0.2")]
    [InlineData("enum-option.odcs.yaml",
        "enum-option.odcs.yaml:16:11: schema[0].properties[0].logicalTypeOptions.enum: unknown field; expected one of format, minLength, maxLength, pattern")]
    [InlineData("object-examples.odcs.yaml",
        "object-examples.odcs.yaml:15:5: schema[0].examples: unknown field; expected one of name, physicalName, physicalType, logicalType, businessName, description, tags, properties, quality, customProperties")]
    [InlineData("kafka-no-host.odcs.yaml",
        "kafka-no-host.odcs.yaml:7:5: servers[0].host: is required")]
    [InlineData("kafka-topic.odcs.yaml",
        "kafka-topic.odcs.yaml:10:5: servers[0].topic: unknown field; expected one of id, server, type, description, environment, roles, customProperties, host, format")]
    [InlineData("bool-exclusive-310.odcs.yaml",
        "bool-exclusive-310.odcs.yaml:19:11: schema[0].properties[1].logicalTypeOptions.exclusiveMinimum: 'true' is not a number")]
    [InlineData("port-dataProductId.odps.yaml",
        "port-dataProductId.odps.yaml:16:5: inputPorts[0].dataProductId: unknown field; expected one of name, contractId, version, tags, customProperties, authoritativeDefinitions")]
    [InlineData("postgres-no-schema.odcs.yaml",
        "postgres-no-schema.odcs.yaml:7:5: servers[0].schema: is required")]
    [InlineData("postgres-port-text.odcs.yaml",
        "postgres-port-text.odcs.yaml:10:5: servers[0].port: 'fifty' is not a number")]
    [InlineData("bigquery-host.odcs.yaml",
        "bigquery-host.odcs.yaml:11:5: servers[0].host: unknown field; expected one of id, server, type, description, environment, roles, customProperties, project, dataset")]
    [InlineData("sftp-location.odcs.yaml",
        "sftp-location.odcs.yaml:9:5: servers[0].location: 'https://files.example.com/orders/' does not start with sftp://")]
    public void A_document_the_standard_refuses_is_refused(string name, string expected)
    {
        var exception = Assert.Throws<DataProductDefinitionException>(() => Read(name, Documents[name]));

        Assert.Equal([expected], exception.Errors.Select(e => e.ToString()));
        Assert.All(exception.Errors, e => Assert.Null(e.Rule));
    }

    [Theory]
    [InlineData("minimal.odcs.yaml", new[] { MeshGovernance.Ownership, MeshGovernance.Description, MeshGovernance.EventTypes, MeshGovernance.Promises, MeshGovernance.Servers })]
    [InlineData("foreign.odcs.yaml", new[] { MeshGovernance.Identifier, MeshGovernance.Description, MeshGovernance.ClassificationRule, MeshGovernance.Promises, MeshGovernance.Servers })]
    [InlineData("kafka-avro.odcs.yaml", new[] { MeshGovernance.Ownership, MeshGovernance.Description, MeshGovernance.EventTypes, MeshGovernance.Promises, MeshGovernance.Servers })]
    [InlineData("port-no-upstream.odps.yaml", new[] { MeshGovernance.UpstreamProduct })]
    [InlineData("output-no-contract.odps.yaml", new[] { MeshGovernance.Ownership })]
    /// <summary>
    /// A contract another tool wrote (no domain, a product named in words, a classification of its own, Avro on
    /// Kafka) is valid ODCS; the mesh's governance then names each rule it breaks, as a second, separate step.
    /// </summary>
    public void A_valid_document_is_then_held_to_the_mesh_governance_rule_by_rule(string name, string[] rules)
    {
        IReadOnlyList<ContractValidationError> findings = name.EndsWith(DataProductCatalogueLoader.ContractSuffix, StringComparison.Ordinal)
            ? MeshGovernance.Check(DataProductCatalogueLoader.ReadContract(name, Documents[name]))
            : MeshGovernance.Check(DataProductCatalogueLoader.ReadDescriptor(name, Documents[name]));

        Assert.Equal(rules, findings.Select(f => f.Rule).Distinct());
    }

    /// <summary>Every server type of ODCS v3.1.0 is read with its type and connection fields; nothing the server states is dropped.</summary>
    [Fact]
    public void A_server_of_any_type_is_read_with_its_connection_fields()
    {
        var contract = DataProductCatalogueLoader.ReadContract("every-server.odcs.yaml", Documents["every-server.odcs.yaml"]);
        Assert.Equal(Enum.GetValues<ContractServerType>().Length, contract.Servers.Select(s => s.Type).Distinct().Count());
        Assert.All(contract.Servers, s => Assert.Equal($"{s.TypeName}-server", s.Server));

        var servers = DataProductCatalogueLoader.ReadContract("postgres-server.odcs.yaml", Documents["postgres-server.odcs.yaml"]).Servers;
        var database = servers[0];
        Assert.Equal(
            (ContractServerType.Postgres, "orders-db", "prod", "db.example.com", (int?)5432, "shop", "sales"),
            (database.Type, database.Id, database.Environment, database.Host, database.Port, database.Database, database.Schema));
        var role = Assert.Single(database.Roles);
        Assert.Equal(("orders_reader", "read", "shop-owners"), (role.Name, role.Access, role.FirstLevelApprovers));
        Assert.Equal(["2", "[\"a\",\"b\"]"], database.CustomProperties.Select(p => p.Value!.ToJsonString()));

        var warehouse = servers[1];
        Assert.Equal((ContractServerType.Snowflake, "shop", "sales"), (warehouse.Type, warehouse.Database, warehouse.Schema));
        Assert.Equal(new Dictionary<string, string> { ["account"] = "acme-1", ["warehouse"] = "reporting" }, warehouse.Settings);
    }

    private static void Read(string name, string yaml)
    {
        if (name.EndsWith(DataProductCatalogueLoader.ContractSuffix, StringComparison.Ordinal))
        {
            DataProductCatalogueLoader.ReadContract(name, yaml);
        }
        else
        {
            DataProductCatalogueLoader.ReadDescriptor(name, yaml);
        }
    }

    private static readonly Dictionary<string, string> Documents = new()
    {
        ["minimal.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: 53581432-6c55-4ba2-a65f-72344a91553a
        version: 1.0.0
        status: active
        """,
        ["foreign.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: my-quantum-orders
        version: 1.0.0
        status: active
        domain: Seller
        dataProduct: my quantum
        schema:
          - name: orders
            physicalName: orders.v1
            physicalType: topic
            logicalType: object
            properties:
              - name: id
                logicalType: string
                required: true
                classification: sensitive
        """,
        ["v302.odcs.yaml"] = """
        apiVersion: v3.0.2
        kind: DataContract
        id: orders
        version: 1.0.0
        status: draft
        schema:
          - name: orders
            logicalType: object
            properties:
              - name: id
                logicalType: string
                required: true
              - name: amount
                logicalType: number
                logicalTypeOptions:
                  minimum: 0
                  exclusiveMinimum: true
        """,
        ["v310-bounds.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: draft
        schema:
          - name: orders
            physicalName: orders.v1
            physicalType: topic
            logicalType: object
            properties:
              - name: id
                logicalType: string
                required: true
              - name: amount
                logicalType: number
                logicalTypeOptions:
                  exclusiveMinimum: 0
        """,
        ["no-id.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        version: 1.0.0
        status: active
        """,
        ["old-api.odcs.yaml"] = """
        apiVersion: v2.9.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        """,
        ["enum-option.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalName: orders.v1
            physicalType: topic
            logicalType: object
            properties:
              - name: id
                logicalType: string
                required: true
                logicalTypeOptions:
                  enum: [a, b]
        """,
        ["object-examples.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalName: orders.v1
            physicalType: topic
            logicalType: object
            properties:
              - name: id
                logicalType: string
                required: true
            examples:
              - id: x
        """,
        ["kafka-no-host.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        servers:
          - server: events
            type: kafka
        """,
        ["kafka-topic.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        servers:
          - server: events
            type: kafka
            host: kafka
            topic: orders.v1
        """,
        ["kafka-avro.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        servers:
          - server: events
            type: kafka
            host: broker:9092
            format: avro
        """,
        ["bool-exclusive-310.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalName: orders.v1
            physicalType: topic
            logicalType: object
            properties:
              - name: id
                logicalType: string
                required: true
              - name: amount
                logicalType: number
                logicalTypeOptions:
                  minimum: 0
                  exclusiveMinimum: true
        """,
        ["valid-values.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalName: orders.v1
            physicalType: topic
            logicalType: object
            properties:
              - name: id
                logicalType: string
                required: true
                quality:
                  - metric: invalidValues
                    arguments:
                      validValues: [a, b]
                    mustBe: 0
        """,
        ["examples-property.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalName: orders.v1
            physicalType: topic
            logicalType: object
            properties:
              - name: id
                logicalType: string
                required: true
            customProperties:
              - property: examples
                value:
                  - id: x
        """,
        ["port-dataProductId.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        name: Orders
        version: 1.0.0
        status: active
        domain: shop
        description:
          purpose: p
          usage: u
          limitations: l
        team:
          name: shop
        inputPorts:
          - name: customers
            dataProductId: crm.customers
            contractId: crm.customers.events
            version: 1.0.0
        outputPorts:
          - name: events
            version: 1.0.0
            contractId: shop.orders.events
        """,
        ["port-no-upstream.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        name: Orders
        version: 1.0.0
        status: active
        domain: shop
        description:
          purpose: p
          usage: u
          limitations: l
        team:
          name: shop
        inputPorts:
          - name: customers
            contractId: crm.customers.events
            version: 1.0.0
        outputPorts:
          - name: events
            version: 1.0.0
            contractId: shop.orders.events
        """,
        ["port-upstream.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        name: Orders
        version: 1.0.0
        status: active
        domain: shop
        description:
          purpose: p
          usage: u
          limitations: l
        team:
          name: shop
        inputPorts:
          - name: customers
            customProperties:
              - property: dataProductId
                value: crm.customers
            contractId: crm.customers.events
            version: 1.0.0
        outputPorts:
          - name: events
            version: 1.0.0
            contractId: shop.orders.events
        """,
        ["output-no-contract.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        name: Orders
        version: 1.0.0
        status: active
        domain: shop
        description:
          purpose: p
          usage: u
          limitations: l
        team:
          name: shop
        inputPorts:
          - name: customers
            customProperties:
              - property: dataProductId
                value: crm.customers
            contractId: crm.customers.events
            version: 1.0.0
        outputPorts:
          - name: events
            version: 1.0.0
        """,
        ["every-server.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: every-server
        version: 1.0.0
        status: active
        servers:
          - server: api-server
            type: api
            location: https://api.example.com/orders
          - server: athena-server
            type: athena
            stagingDir: s3://bucket/staging/
            schema: sales
          - server: azure-server
            type: azure
            location: s3://bucket/orders/
            format: parquet
          - server: bigquery-server
            type: bigquery
            project: acme
            dataset: orders
          - server: clickhouse-server
            type: clickhouse
            host: db.example.com
            port: 5432
            database: shop
          - server: databricks-server
            type: databricks
            catalog: main
            schema: sales
          - server: denodo-server
            type: denodo
            host: db.example.com
            port: 5432
          - server: dremio-server
            type: dremio
            host: db.example.com
            port: 5432
          - server: duckdb-server
            type: duckdb
            database: shop
          - server: glue-server
            type: glue
            account: acme-1
            database: shop
          - server: cloudsql-server
            type: cloudsql
            host: db.example.com
            port: 5432
            database: shop
            schema: sales
          - server: db2-server
            type: db2
            host: db.example.com
            port: 5432
            database: shop
          - server: hive-server
            type: hive
            host: db.example.com
            database: shop
          - server: impala-server
            type: impala
            host: db.example.com
            database: shop
          - server: informix-server
            type: informix
            host: db.example.com
            database: shop
          - server: kafka-server
            type: kafka
            host: db.example.com
          - server: kinesis-server
            type: kinesis
          - server: local-server
            type: local
            path: /data/orders.csv
            format: parquet
          - server: mysql-server
            type: mysql
            host: db.example.com
            port: 5432
            database: shop
          - server: oracle-server
            type: oracle
            host: db.example.com
            port: 5432
            serviceName: ORCL
          - server: postgresql-server
            type: postgresql
            host: db.example.com
            port: 5432
            database: shop
            schema: sales
          - server: postgres-server
            type: postgres
            host: db.example.com
            port: 5432
            database: shop
            schema: sales
          - server: presto-server
            type: presto
            host: db.example.com
          - server: pubsub-server
            type: pubsub
            project: acme
          - server: redshift-server
            type: redshift
            database: shop
            schema: sales
          - server: s3-server
            type: s3
            location: s3://bucket/orders/
          - server: sftp-server
            type: sftp
            location: sftp://files.example.com/orders/
          - server: snowflake-server
            type: snowflake
            account: acme-1
            database: shop
            schema: sales
          - server: sqlserver-server
            type: sqlserver
            host: db.example.com
            database: shop
            schema: sales
          - server: synapse-server
            type: synapse
            host: db.example.com
            port: 5432
            database: shop
          - server: trino-server
            type: trino
            host: db.example.com
            port: 5432
            catalog: main
            schema: sales
          - server: vertica-server
            type: vertica
            host: db.example.com
            port: 5432
            database: shop
            schema: sales
          - server: zen-server
            type: zen
            host: db.example.com
            database: shop
          - server: custom-server
            type: custom
        """,
        ["postgres-server.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        servers:
          - id: orders-db
            server: orders-db
            type: postgres
            description: The orders database
            environment: prod
            host: db.example.com
            port: 5432
            database: shop
            schema: sales
            roles:
              - role: orders_reader
                access: read
                firstLevelApprovers: shop-owners
            customProperties:
              - property: replicas
                value: 2
              - property: zones
                value: [a, b]
          - server: warehouse
            type: snowflake
            account: acme-1
            database: shop
            schema: sales
            warehouse: reporting
        """,
        ["postgres-no-schema.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        servers:
          - server: orders-db
            type: postgres
            host: db.example.com
            port: 5432
            database: shop
        """,
        ["postgres-port-text.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        servers:
          - server: orders-db
            type: postgresql
            host: db.example.com
            port: fifty
            database: shop
            schema: sales
        """,
        ["bigquery-host.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        servers:
          - server: warehouse
            type: bigquery
            project: acme
            dataset: orders
            host: bigquery.googleapis.com
        """,
        ["sftp-location.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        servers:
          - server: drop
            type: sftp
            location: https://files.example.com/orders/
        """,
    };
}
