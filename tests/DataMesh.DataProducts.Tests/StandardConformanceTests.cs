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
    [InlineData("rich.odcs.yaml")]
    [InlineData("rich.odps.yaml")]
    [InlineData("quality-level.odcs.yaml")]
    [InlineData("quality-argument.odcs.yaml")]
    [InlineData("quality-bounds.odcs.yaml")]
    [InlineData("quality-cron.odcs.yaml")]
    [InlineData("items-optional.odcs.yaml")]
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
        "object-examples.odcs.yaml:15:5: schema[0].examples: unknown field; expected one of id, name, physicalType, description, businessName, authoritativeDefinitions, tags, customProperties, logicalType, physicalName, dataGranularityDescription, properties, relationships, quality")]
    [InlineData("kafka-no-host.odcs.yaml",
        "kafka-no-host.odcs.yaml:7:5: servers[0].host: is required")]
    [InlineData("kafka-topic.odcs.yaml",
        "kafka-topic.odcs.yaml:10:5: servers[0].topic: unknown field; expected one of id, server, type, description, environment, roles, customProperties, host, format")]
    [InlineData("bool-exclusive-310.odcs.yaml",
        "bool-exclusive-310.odcs.yaml:19:11: schema[0].properties[1].logicalTypeOptions.exclusiveMinimum: 'true' is not a number")]
    [InlineData("port-dataProductId.odps.yaml",
        "port-dataProductId.odps.yaml:16:5: inputPorts[0].dataProductId: unknown field; expected one of name, version, contractId, tags, customProperties, authoritativeDefinitions")]
    [InlineData("postgres-no-schema.odcs.yaml",
        "postgres-no-schema.odcs.yaml:7:5: servers[0].schema: is required")]
    [InlineData("postgres-port-text.odcs.yaml",
        "postgres-port-text.odcs.yaml:10:5: servers[0].port: 'fifty' is not a number")]
    [InlineData("bigquery-host.odcs.yaml",
        "bigquery-host.odcs.yaml:11:5: servers[0].host: unknown field; expected one of id, server, type, description, environment, roles, customProperties, project, dataset")]
    [InlineData("sftp-location.odcs.yaml",
        "sftp-location.odcs.yaml:9:5: servers[0].location: 'https://files.example.com/orders/' does not start with sftp://")]
    [InlineData("custom-no-value.odcs.yaml",
        "custom-no-value.odcs.yaml:7:5: customProperties[0].value: is required")]
    [InlineData("integer-format.odcs.yaml",
        "integer-format.odcs.yaml:12:11: schema[0].properties[0].logicalTypeOptions.format: 'f32' is not one of i8, i16, i32, i64, i128, u8, u16, u32, u64, u128")]
    [InlineData("member-no-username.odcs.yaml",
        "member-no-username.odcs.yaml:9:7: team.members[0].username: is required")]
    [InlineData("number-as-name.odcs.yaml",
        "number-as-name.odcs.yaml:6:1: name: expected text, found '2024' (quote it to make it text)")]
    [InlineData("object-required-empty.odcs.yaml",
        "object-required-empty.odcs.yaml:12:11: schema[0].properties[0].logicalTypeOptions.required: needs at least one property name")]
    [InlineData("odps-custom-id.odps.yaml",
        "odps-custom-id.odps.yaml:6:5: customProperties[0].id: unknown field; expected one of property, value, description")]
    [InlineData("odps-input-contract-no-version.odps.yaml",
        "odps-input-contract-no-version.odps.yaml:9:9: outputPorts[0].inputContracts[0].version: is required")]
    [InlineData("odps-management-no-content.odps.yaml",
        "odps-management-no-content.odps.yaml:6:5: managementPorts[0].content: is required")]
    [InlineData("odps-sbom-no-url.odps.yaml",
        "odps-sbom-no-url.odps.yaml:9:9: outputPorts[0].sbom[0].url: is required")]
    [InlineData("odps-support-no-url.odps.yaml",
        "odps-support-no-url.odps.yaml:6:5: support[0].url: is required")]
    [InlineData("options-without-type.odcs.yaml",
        "options-without-type.odcs.yaml:10:9: schema[0].properties[0].logicalTypeOptions: a property without a logicalType takes no options")]
    [InlineData("price-text.odcs.yaml",
        "price-text.odcs.yaml:7:3: price.priceAmount: 'ten' is not a number")]
    [InlineData("relationship-bad-reference.odcs.yaml",
        "relationship-bad-reference.odcs.yaml:10:9: schema[0].relationships[0].to: 'customers' is not a reference (table.column, or a path such as schema/orders/properties/id, optionally after other.yaml#)")]
    [InlineData("relationship-from-on-property.odcs.yaml",
        "relationship-from-on-property.odcs.yaml:12:13: schema[0].properties[0].relationships[0].from: a property's relationship starts at the property itself; only an object's names 'from'")]
    [InlineData("relationship-mixed.odcs.yaml",
        "relationship-mixed.odcs.yaml:10:9: schema[0].relationships[0].to: from and to are both one reference or both a list")]
    [InlineData("role-no-role.odcs.yaml",
        "role-no-role.odcs.yaml:7:5: roles[0].role: is required")]
    [InlineData("sla-list-value.odcs.yaml",
        "sla-list-value.odcs.yaml:8:5: slaProperties[0].value: expected a single value, found a list")]
    [InlineData("stable-id.odcs.yaml",
        "stable-id.odcs.yaml:7:5: authoritativeDefinitions[0].id: 'my id' is not a stable id (letters, digits, '-' and '_' only)")]
    [InlineData("string-option-on-integer.odcs.yaml",
        "string-option-on-integer.odcs.yaml:12:11: schema[0].properties[0].logicalTypeOptions.maxLength: unknown field; expected one of format, minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf")]
    [InlineData("support-no-channel.odcs.yaml",
        "support-no-channel.odcs.yaml:7:5: support[0].channel: is required")]
    [InlineData("quality-rule-only-310.odcs.yaml",
        "quality-rule-only-310.odcs.yaml:10:9: schema[0].quality[0].metric: is required")]
    public void A_document_the_standard_refuses_is_refused(string name, string expected)
    {
        var exception = Assert.Throws<DataProductDefinitionException>(() => Read(name, Documents[name]));

        Assert.Equal([expected], exception.Errors.Select(e => e.ToString()));
        Assert.All(exception.Errors, e => Assert.Null(e.Rule));
    }

    [Theory]
    [InlineData("minimal.odcs.yaml", new[] { MeshGovernance.Ownership, MeshGovernance.Description, MeshGovernance.EventTypes, MeshGovernance.Promises, MeshGovernance.Servers })]
    [InlineData("foreign.odcs.yaml", new[] { MeshGovernance.Identifier, MeshGovernance.Description, MeshGovernance.PropertyDescription, MeshGovernance.ClassificationRule, MeshGovernance.Promises, MeshGovernance.Servers })]
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

    /// <summary>
    /// Quality rules the standard accepts but the platform could not run (a metric at the wrong level, an argument the
    /// metric does not take, bounds out of order, a schedule that is not cron): read as valid ODCS above, then each
    /// reported by governance rule quality at its field.
    /// </summary>
    [Theory]
    [InlineData("quality-level.odcs.yaml",
        "quality-level.odcs.yaml:10:9: schema[0].quality[0].metric: nullValues cannot be measured on a schema object (it measures a column: put it on the property)",
        "quality-level.odcs.yaml:16:13: schema[0].properties[0].quality[0].metric: rowCount cannot be measured on a property (it measures the object's rows: put it on the schema object)")]
    [InlineData("quality-argument.odcs.yaml",
        "quality-argument.odcs.yaml:15:15: schema[0].properties[0].quality[0].arguments.validValues: nullValues takes no arguments here",
        "quality-argument.odcs.yaml:19:15: schema[0].properties[0].quality[1].arguments.validvalues: invalidValues takes no argument validvalues; it takes validValues, pattern",
        "quality-argument.odcs.yaml:18:13: schema[0].properties[0].quality[1].arguments: needs validValues or pattern: invalidValues measures nothing without")]
    [InlineData("quality-bounds.odcs.yaml",
        "quality-bounds.odcs.yaml:11:9: schema[0].quality[0].mustBeBetween: 10 is not below 1; the smaller bound comes first")]
    [InlineData("quality-cron.odcs.yaml",
        "quality-cron.odcs.yaml:12:9: schema[0].quality[0].schedule: '0 25 * * *' is not a cron expression of five fields (minute hour day-of-month month day-of-week): ")]
    public void A_valid_quality_rule_the_platform_cannot_run_is_reported_by_governance(string name, params string[] expected)
    {
        var findings = MeshGovernance.Check(DataProductCatalogueLoader.ReadContract(name, Documents[name])).Where(f => f.Rule == MeshGovernance.QualityRules).ToList();

        Assert.Equal(expected.Length, findings.Count);
        Assert.All(expected.Zip(findings), pair => Assert.StartsWith(pair.First, pair.Second.ToString(), StringComparison.Ordinal));
    }

    /// <summary>
    /// A mapping with the same key twice is not valid YAML (YAML 1.2: keys are unique), though many parsers keep the
    /// last value: the reader refuses it at the second key, naming the key, in a descriptor and in a nested mapping alike.
    /// </summary>
    [Theory]
    [InlineData("duplicate-ports.odps.yaml", "duplicate-ports.odps.yaml:11:1: not valid YAML: Duplicate key inputPorts")]
    [InlineData("duplicate-nested.odcs.yaml", "duplicate-nested.odcs.yaml:11:9: not valid YAML: Duplicate key logicalType")]
    public void A_document_with_a_duplicate_key_is_refused_at_the_key(string name, string expected)
    {
        var exception = Assert.Throws<DataProductDefinitionException>(() => Read(name, Documents[name]));

        Assert.Equal([expected], exception.Errors.Select(e => e.ToString()));
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

    /// <summary>Every section of ODCS v3.1.0 is read into the model, not only accepted.</summary>
    [Fact]
    public void Every_section_of_a_contract_is_read_into_the_model()
    {
        var contract = DataProductCatalogueLoader.ReadContract("rich.odcs.yaml", Documents["rich.odcs.yaml"]);

        Assert.Equal(("2.1.0", "active", "acme", "2026-01-02T03:04:05Z"), (contract.VersionText, contract.StatusText, contract.Tenant, contract.ContractCreatedTs));
        Assert.Equal(["audience"], contract.Description.OtherFields.Select(f => f.Key));
        Assert.Equal(["4711", "[\"ada\",\"grace\"]", "{\"daily\":10,\"monthly\":300}", "null"], contract.CustomProperties.Select(p => p.Value?.ToJsonString() ?? "null"));
        Assert.Equal(("#shop-orders", "slack"), (contract.Support.Single().Channel, contract.Support.Single().Tool));
        Assert.Equal((9.95m, "EUR", "megabyte"), (contract.Price!.Amount, contract.Price.Currency, contract.Price.Unit));
        Assert.Equal(("shop-team", "grace@example.com"), (contract.Team!.Name, contract.Team.Members.Single().ReplacedByUsername));
        Assert.Equal(("shop_orders_reader", "security"), (contract.Roles.Single().Name, contract.Roles.Single().SecondLevelApprovers));
        Assert.Equal("glossary", contract.AuthoritativeDefinitions.Single().Id);
        Assert.Equal(("cron", "0 * * * *", "99.99"), (contract.SlaProperties[0].Scheduler, contract.SlaProperties[0].Schedule, contract.SlaProperties[1].ValueExt!.ToJsonString()));

        var orders = contract.Schema.Single();
        Assert.Equal([false, true], orders.Relationships.Select(r => r.Composite));
        Assert.Equal(["customers.id", "customers.region"], orders.Relationships[1].To);
        Assert.Equal(
            [LogicalType.Integer, LogicalType.String, LogicalType.Number, LogicalType.Date, LogicalType.Timestamp, LogicalType.Time, LogicalType.Boolean, LogicalType.Object, LogicalType.Array],
            orders.Properties.Where(p => p.HasLogicalType).Select(p => p.LogicalType));
        Assert.False(orders.Properties[^1].HasLogicalType);
        var id = orders.Properties[0];
        Assert.Equal((1, "i64", "raw.orders", "order_lines.order_id"), (id.PrimaryKeyPosition, id.Options.Format, id.TransformSourceObjects.Single(), id.Relationships.Single().To.Single()));
        Assert.Equal(("Europe/Berlin", true), (orders.Properties[4].Options.DefaultTimezone, orders.Properties[4].Options.Timezone));
        Assert.Equal(["city"], orders.Properties[7].Options.RequiredProperties!);
    }

    /// <summary>Every section of ODPS v1.0.0 is read into the model.</summary>
    [Fact]
    public void Every_section_of_a_descriptor_is_read_into_the_model()
    {
        var descriptor = DataProductCatalogueLoader.ReadDescriptor("rich.odps.yaml", Documents["rich.odps.yaml"]);

        Assert.Equal(("metrics", "observability"), (descriptor.ManagementPorts.Single().Name, descriptor.ManagementPorts.Single().Content));
        Assert.Equal("https://chat.example.com/shop-orders", descriptor.Support.Single().Url);
        var port = descriptor.OutputPorts.Single();
        Assert.Equal(("https://sbom.example.com/shop-orders.json", "crm.customers.events"), (port.Sbom.Single().Url, port.InputContracts.Single().Id));
        Assert.Equal("crm.customers", descriptor.InputPorts.Single().DataProductId);
        Assert.Equal(["costCenter", "regions"], descriptor.CustomProperties.Select(p => p.Property));
        Assert.Equal("What an order is", descriptor.AuthoritativeDefinitions.Single().Description);
        Assert.Equal("2026-01-02T03:04:05Z", descriptor.ProductCreatedTs);
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

    internal static readonly Dictionary<string, string> Documents = new()
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
        ["rich.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: shop-orders
        name: Orders
        version: 2.1.0
        status: active
        tenant: acme
        domain: shop
        dataProduct: shop.orders
        contractCreatedTs: "2026-01-02T03:04:05Z"
        description:
          purpose: Every order placed in the shop.
          usage: Join order lines on the order id.
          limitations: Amounts are in the order's currency.
          audience: analysts
          authoritativeDefinitions:
            - url: https://wiki.example.com/orders
              type: businessDefinition
              description: What an order is
          customProperties:
            - property: reviewed
              value: true
        tags: [shop, orders]
        authoritativeDefinitions:
          - id: glossary
            url: https://glossary.example.com/order
            type: businessDefinition
        customProperties:
          - id: cost-center
            property: costCenter
            value: 4711
            description: Who pays
          - property: owners
            value: [ada, grace]
          - property: limits
            value: {daily: 10, monthly: 300}
          - property: nothing
            value: null
        support:
          - id: chat
            channel: "#shop-orders"
            url: https://chat.example.com/shop-orders
            description: Questions about orders
            tool: slack
            scope: interactive
            invitationUrl: https://chat.example.com/invite
            customProperties:
              - property: hours
                value: 9-17
        price:
          id: list-price
          priceAmount: 9.95
          priceCurrency: EUR
          priceUnit: megabyte
        team:
          id: shop-team
          name: shop-team
          description: The shop's data team
          tags: [shop]
          customProperties:
            - property: slack
              value: "#shop"
          authoritativeDefinitions:
            - url: https://wiki.example.com/teams/shop
              type: teamPage
          members:
            - id: ada
              username: ada@example.com
              name: Ada Lovelace
              description: Owner
              role: owner
              dateIn: 2024-01-01
              dateOut: 2026-01-01
              replacedByUsername: grace@example.com
              tags: [lead]
              customProperties:
                - property: timezone
                  value: Europe/London
              authoritativeDefinitions:
                - url: https://people.example.com/ada
                  type: profile
        roles:
          - id: reader
            role: shop_orders_reader
            description: Reads orders
            access: read
            firstLevelApprovers: shop-team
            secondLevelApprovers: security
            customProperties:
              - property: ticket
                value: SEC-1
        slaDefaultElement: orders.placed_at
        slaProperties:
          - id: fresh
            property: freshness
            value: 5
            unit: min
            element: orders.placed_at
            driver: operational
            scheduler: cron
            schedule: "0 * * * *"
            description: New orders arrive within five minutes
          - property: availability
            value: 99.9
            valueExt: 99.99
            unit: percent
          - property: certified
            value: true
          - property: window
            value: null
        servers:
          - id: orders-db
            server: orders-db
            type: postgres
            description: Orders database
            environment: prod
            host: db.example.com
            port: 5432
            database: shop
            schema: sales
            roles:
              - role: shop_orders_reader
                access: read
            customProperties:
              - property: replicas
                value: 2
          - server: events
            type: kafka
            host: kafka
            format: json
        schema:
          - id: orders
            name: orders
            businessName: Orders
            description: One row per order
            physicalName: orders
            physicalType: table
            logicalType: object
            dataGranularityDescription: One row per order
            tags: [core]
            authoritativeDefinitions:
              - url: https://wiki.example.com/orders-table
                type: implementation
            customProperties:
              - property: examples
                value:
                  - {id: 1, placed_at: "2026-01-02T03:04:05Z"}
            relationships:
              - type: foreignKey
                from: orders.customer_id
                to: customers.id
              - from: [orders.customer_id, orders.region]
                to: [customers.id, customers.region]
                customProperties:
                  - property: enforced
                    value: false
            quality:
              - id: enough-rows
                type: library
                metric: rowCount
                mustBeGreaterThan: 0
                dimension: completeness
                severity: error
                businessImpact: operational
                schedule: "0 * * * *"
                scheduler: cron
              - type: sql
                query: SELECT count(*) FROM orders WHERE amount < 0
                mustBe: 0
              - type: text
                description: Orders are never deleted.
              - type: custom
                engine: soda
                implementation: "checks for orders: [row_count > 0]"
            properties:
              - id: id
                name: id
                businessName: Order id
                description: The order
                logicalType: integer
                logicalTypeOptions: {minimum: 1, maximum: 100000000, exclusiveMaximum: 100000001, multipleOf: 1, format: i64}
                physicalType: bigint
                physicalName: id
                required: true
                unique: true
                primaryKey: true
                primaryKeyPosition: 1
                partitioned: false
                partitionKeyPosition: -1
                classification: internal
                criticalDataElement: true
                encryptedName: id_enc
                transformSourceObjects: [raw.orders]
                transformLogic: SELECT id FROM raw.orders
                transformDescription: Copied as is
                tags: [key]
                examples: [1, 2]
                authoritativeDefinitions:
                  - url: https://wiki.example.com/order-id
                    type: businessDefinition
                customProperties:
                  - property: pii
                    value: false
                relationships:
                  - to: order_lines.order_id
                quality:
                  - metric: nullValues
                    mustBe: 0
              - name: customer_id
                logicalType: string
                logicalTypeOptions: {minLength: 1, maxLength: 36, pattern: "^[a-z0-9-]+$", format: uuid}
                classification: internal
                relationships:
                  - type: foreignKey
                    to: schema/customers/properties/id
              - name: amount
                logicalType: number
                logicalTypeOptions: {minimum: 0, exclusiveMinimum: 0, maximum: 1000000, format: f64}
                classification: internal
              - name: placed_on
                logicalType: date
                logicalTypeOptions: {format: yyyy-MM-dd, minimum: "2020-01-01", maximum: "2030-12-31", exclusiveMinimum: "2019-12-31", exclusiveMaximum: "2031-01-01"}
                classification: internal
              - name: placed_at
                logicalType: timestamp
                logicalTypeOptions: {format: "yyyy-MM-dd'T'HH:mm:ssXXX", timezone: true, defaultTimezone: Europe/Berlin, minimum: "2020-01-01T00:00:00Z"}
                classification: internal
              - name: cut_off
                logicalType: time
                logicalTypeOptions: {format: "HH:mm", timezone: false, maximum: "23:59"}
                classification: internal
              - name: paid
                logicalType: boolean
                classification: internal
              - name: address
                logicalType: object
                logicalTypeOptions: {minProperties: 1, maxProperties: 5, required: [city]}
                classification: confidential
                properties:
                  - name: city
                    logicalType: string
                    classification: confidential
              - name: lines
                logicalType: array
                logicalTypeOptions: {minItems: 1, maxItems: 100, uniqueItems: true}
                classification: internal
                items:
                  name: line
                  logicalType: object
                  properties:
                    - name: sku
                      logicalType: string
              - name: note
                physicalType: text
                description: A column whose type the contract leaves open
        """,
        ["rich.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        name: Orders
        version: 2.1.0
        status: active
        domain: shop
        tenant: acme
        productCreatedTs: "2026-01-02T03:04:05Z"
        tags: [shop]
        authoritativeDefinitions:
          - type: businessDefinition
            url: https://wiki.example.com/orders
            description: What an order is
        description:
          purpose: Every order placed in the shop.
          usage: Subscribe to the events.
          limitations: None.
          authoritativeDefinitions:
            - type: tutorial
              url: https://wiki.example.com/orders/tutorial
          customProperties:
            - property: reviewed
              value: true
        customProperties:
          - property: costCenter
            value: 4711
            description: Who pays
          - property: regions
            value: [eu, us]
        team:
          name: shop-team
          description: The shop's data team
          tags: [shop]
          members:
            - username: ada@example.com
              name: Ada Lovelace
              role: owner
              description: Owner
              dateIn: 2024-01-01
              replacedByUsername: grace@example.com
              tags: [lead]
              customProperties:
                - property: timezone
                  value: Europe/London
              authoritativeDefinitions:
                - type: profile
                  url: https://people.example.com/ada
        support:
          - channel: "#shop-orders"
            url: https://chat.example.com/shop-orders
            description: Questions
            tool: slack
            scope: interactive
            invitationUrl: https://chat.example.com/invite
            tags: [help]
            customProperties:
              - property: hours
                value: 9-17
            authoritativeDefinitions:
              - type: runbook
                url: https://wiki.example.com/runbook
        inputPorts:
          - name: customers
            version: 1.0.0
            contractId: crm.customers.events
            tags: [crm]
            customProperties:
              - property: dataProductId
                value: crm.customers
            authoritativeDefinitions:
              - type: implementation
                url: https://git.example.com/shop/consumer
        outputPorts:
          - name: orders
            description: Order events
            type: events
            version: 2.1.0
            contractId: shop.orders.events
            sbom:
              - type: external
                url: https://sbom.example.com/shop-orders.json
            inputContracts:
              - id: crm.customers.events
                version: 1.0.0
            tags: [orders]
            customProperties:
              - property: retention
                value: 7y
            authoritativeDefinitions:
              - type: implementation
                url: https://git.example.com/shop/orders
        managementPorts:
          - name: metrics
            content: observability
            type: rest
            url: https://shop.example.com/metrics
            channel: metrics
            description: Prometheus metrics
            tags: [ops]
            customProperties:
              - property: format
                value: prometheus
            authoritativeDefinitions:
              - type: documentation
                url: https://wiki.example.com/metrics
        """,
        ["quality-level.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalType: table
            quality:
              - metric: nullValues
                mustBe: 0
            properties:
              - name: id
                logicalType: integer
                quality:
                  - metric: rowCount
                    mustBeGreaterThan: 0
        """,
        ["quality-argument.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalType: table
            properties:
              - name: status
                logicalType: string
                quality:
                  - metric: nullValues
                    arguments:
                      validValues: [open, closed]
                    mustBe: 0
                  - metric: invalidValues
                    arguments:
                      validvalues: [open]
                    mustBe: 0
        """,
        ["quality-bounds.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalType: table
            quality:
              - metric: rowCount
                mustBeBetween: [10, 1]
        """,
        ["quality-cron.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalType: table
            quality:
              - metric: rowCount
                mustBeGreaterThan: 0
                schedule: 0 25 * * *
        """,
        ["quality-rule-only-310.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            physicalType: table
            quality:
              - rule: rowCount
                mustBeGreaterThan: 0
        """,
        ["items-optional.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            properties:
              - name: tags
                logicalType: array
                items:
                  logicalType: string
                  required: false
              - name: codes
                logicalType: array
                items:
                  logicalType: string
        """,
        ["duplicate-ports.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        status: active
        inputPorts:
          - name: customers
            version: 1.0.0
            contractId: crm.customers.events
            customProperties:
              - {property: dataProductId, value: crm.customers}
        inputPorts:
          - name: budgets
            version: 1.0.0
            contractId: finance.budgets.events
        """,
        ["duplicate-nested.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            properties:
              - name: id
                logicalType: integer
                logicalType: string
        """,
        ["custom-no-value.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        customProperties:
          - property: costCenter
        """,
        ["integer-format.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            properties:
              - name: id
                logicalType: integer
                logicalTypeOptions:
                  format: f32
        """,
        ["member-no-username.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        team:
          name: shop
          members:
            - name: Ada
        """,
        ["number-as-name.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        name: 2024
        """,
        ["object-required-empty.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            properties:
              - name: address
                logicalType: object
                logicalTypeOptions:
                  required: []
        """,
        ["odps-custom-id.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        status: active
        customProperties:
          - id: x
            property: a
            value: b
        """,
        ["odps-input-contract-no-version.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        status: active
        outputPorts:
          - name: orders
            version: 1.0.0
            inputContracts:
              - id: crm.customers.events
        """,
        ["odps-management-no-content.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        status: active
        managementPorts:
          - name: metrics
        """,
        ["odps-sbom-no-url.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        status: active
        outputPorts:
          - name: orders
            version: 1.0.0
            sbom:
              - type: external
        """,
        ["odps-support-no-url.odps.yaml"] = """
        apiVersion: v1.0.0
        kind: DataProduct
        id: shop.orders
        status: active
        support:
          - channel: '#help'
        """,
        ["options-without-type.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            properties:
              - name: id
                logicalTypeOptions:
                  format: uuid
        """,
        ["price-text.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        price:
          priceAmount: ten
        """,
        ["relationship-bad-reference.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            relationships:
              - from: orders.customer_id
                to: customers
        """,
        ["relationship-from-on-property.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            properties:
              - name: customer_id
                logicalType: string
                relationships:
                  - from: orders.customer_id
                    to: customers.id
        """,
        ["relationship-mixed.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            relationships:
              - from: orders.customer_id
                to: [customers.id]
        """,
        ["role-no-role.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        roles:
          - access: read
        """,
        ["sla-list-value.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        slaProperties:
          - property: freshness
            value: [5]
        """,
        ["stable-id.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        authoritativeDefinitions:
          - id: my id
            url: https://example.com
            type: businessDefinition
        """,
        ["string-option-on-integer.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        schema:
          - name: orders
            properties:
              - name: id
                logicalType: integer
                logicalTypeOptions:
                  maxLength: 5
        """,
        ["support-no-channel.odcs.yaml"] = """
        apiVersion: v3.1.0
        kind: DataContract
        id: orders
        version: 1.0.0
        status: active
        support:
          - url: https://chat.example.com
        """,
    };
}
