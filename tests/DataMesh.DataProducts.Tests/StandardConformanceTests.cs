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
        "kafka-topic.odcs.yaml:10:5: servers[0].topic: unknown field; expected one of server, type, description, environment, host, format, location")]
    [InlineData("bool-exclusive-310.odcs.yaml",
        "bool-exclusive-310.odcs.yaml:19:11: schema[0].properties[1].logicalTypeOptions.exclusiveMinimum: 'true' is not a number")]
    [InlineData("port-dataProductId.odps.yaml",
        "port-dataProductId.odps.yaml:16:5: inputPorts[0].dataProductId: unknown field; expected one of name, contractId, version, tags, customProperties, authoritativeDefinitions")]
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
    };
}
