using DataMesh.Contracts;
using DataMesh.Contracts.Compatibility;

namespace DataMesh.Catalog.Tests;

/// <summary>The compatibility gate on a table of contract pairs: the base contract against one edit of it each.</summary>
public sealed class CompatibilityGateTests
{
    // The base contract's indentation: schema objects at 2 spaces, properties at 6, their fields at 8, options at 10.
    private const string Note = "      - name: note\n        logicalType: string\n        logicalTypeOptions:\n          maxLength: 500\n        classification: internal\n        description: What the customer wrote.\n";
    private const string Coupon = "      - name: coupon\n        logicalType: string\n        classification: internal\n        description: A discount code.\n";
    private const string Amount = "      - name: amount\n";
    private const string AmountClassification = "        classification: internal\n        description: What the customer pays.";
    private const string Pii = "        customProperties:\n          - property: pii\n            value: true\n";
    private const string Cancelled = "  - name: OrderCancelled\n    physicalName: sales.orders.v1\n    physicalType: topic\n    logicalType: object\n    description: An order was cancelled.\n    properties:\n      - name: orderId\n        logicalType: string\n        required: true\n        classification: internal\n        description: The order.\n";
    private const string Shipped = "  - name: OrderShipped\n    physicalName: sales.orders.v1\n    physicalType: topic\n    logicalType: object\n    properties:\n      - name: orderId\n        logicalType: string\n        required: true\n        classification: internal\n        description: The order.\n";

    /// <summary>Name, next version, edits, accepted, the strongest change, and a path the changes (or refusals when refused) must name.</summary>
    public static TheoryData<string, string, (string, string)[], bool, ChangeKind?, string> Pairs => new()
    {
        { "same contract, patch", "1.0.1", [], true, null, "" },
        { "purpose reworded, patch", "1.0.1", [("purpose: Orders placed.", "purpose: Orders placed by customers.")], true, ChangeKind.Editorial, "description.purpose" },
        { "optional property added, minor", "1.1.0", [(Amount, Coupon + Amount)], true, ChangeKind.Compatible, "schema[OrderPlaced].properties[coupon]" },
        { "optional property added, only a patch", "1.0.1", [(Amount, Coupon + Amount)], false, ChangeKind.Compatible, "version" },
        { "property removed, minor", "1.1.0", [(Note, "")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[note]" },
        { "property removed, major", "2.0.0", [(Note, "")], true, ChangeKind.Breaking, "schema[OrderPlaced].properties[note]" },
        { "property renamed, minor", "1.1.0", [("- name: note", "- name: comment")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[note]" },
        { "integer widened to number, minor", "1.1.0", [("logicalType: integer", "logicalType: number")], true, ChangeKind.Compatible, "schema[OrderPlaced].properties[quantity].logicalType" },
        { "number narrowed to integer, minor", "1.1.0", [(Amount + "        logicalType: number", Amount + "        logicalType: integer")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[amount].logicalType" },
        { "string changed to boolean, minor", "1.1.0", [("        logicalType: string\n        logicalTypeOptions:\n          maxLength: 500\n", "        logicalType: boolean\n")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[note].logicalType" },
        { "property made required, minor", "1.1.0", [("logicalType: integer", "logicalType: integer\n        required: true")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[quantity].required" },
        { "new required property, minor", "1.1.0", [(Amount, Coupon.Replace("logicalType: string", "logicalType: string\n        required: true", StringComparison.Ordinal) + Amount)], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[coupon]" },
        { "required property made optional, minor", "1.1.0", [("maximum: 100000\n        required: true", "maximum: 100000\n        required: false")], true, ChangeKind.Compatible, "schema[OrderPlaced].properties[amount].required" },
        { "enum value removed, minor", "1.1.0", [("validValues: [web, shop, phone]", "validValues: [web, shop]")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[channel].quality[invalidValues].validValues[phone]" },
        { "enum value added, minor", "1.1.0", [("validValues: [web, shop, phone]", "validValues: [web, shop, phone, app]")], true, ChangeKind.Compatible, "schema[OrderPlaced].properties[channel].quality[invalidValues].validValues[app]" },
        { "classification loosened, minor", "1.1.0", [(AmountClassification, AmountClassification.Replace("internal", "public", StringComparison.Ordinal))], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[amount].classification" },
        { "classification loosened, major", "2.0.0", [(AmountClassification, AmountClassification.Replace("internal", "public", StringComparison.Ordinal))], true, ChangeKind.Breaking, "schema[OrderPlaced].properties[amount].classification" },
        { "classification tightened, minor", "1.1.0", [("maxLength: 500\n        classification: internal", "maxLength: 500\n        classification: confidential")], true, ChangeKind.Compatible, "schema[OrderPlaced].properties[note].classification" },
        { "personal data flag removed, minor", "1.1.0", [(Pii, "")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[email].customProperties[pii]" },
        { "freshness weakened, minor", "1.1.0", [("value: 5\n    unit: min", "value: 1\n    unit: h")], false, ChangeKind.Breaking, "slaProperties[freshness]" },
        { "freshness strengthened, minor", "1.1.0", [("value: 5\n    unit: min", "value: 1\n    unit: min")], true, ChangeKind.Compatible, "slaProperties[freshness]" },
        { "retention shortened, minor", "1.1.0", [("value: 2\n    unit: y", "value: 1\n    unit: y")], false, ChangeKind.Breaking, "slaProperties[retention]" },
        { "retention lengthened, minor", "1.1.0", [("value: 2\n    unit: y", "value: 5\n    unit: y")], true, ChangeKind.Compatible, "slaProperties[retention]" },
        { "latency weakened, minor", "1.1.0", [("value: 1\n    unit: s", "value: 1\n    unit: min")], false, ChangeKind.Breaking, "slaProperties[latency]" },
        { "maximum length lowered, minor", "1.1.0", [("maxLength: 500", "maxLength: 100")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[note].logicalTypeOptions.maxLength" },
        { "maximum length raised, minor", "1.1.0", [("maxLength: 500", "maxLength: 1000")], true, ChangeKind.Compatible, "schema[OrderPlaced].properties[note].logicalTypeOptions.maxLength" },
        { "minimum raised, minor", "1.1.0", [("minimum: 0", "minimum: 1")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[amount].logicalTypeOptions.minimum" },
        { "format added, minor", "1.1.0", [("maxLength: 500", "maxLength: 500\n          format: email")], false, ChangeKind.Breaking, "schema[OrderPlaced].properties[note].logicalTypeOptions.format" },
        { "event type removed, minor", "1.1.0", [(Cancelled, "")], false, ChangeKind.Breaking, "schema[OrderCancelled]" },
        { "event type added, minor", "1.1.0", [("slaProperties:", Shipped + "slaProperties:")], true, ChangeKind.Compatible, "schema[OrderShipped]" },
        { "topic changed, minor", "1.1.0", [("physicalName: sales.orders.v1", "physicalName: sales.orders.v2")], false, ChangeKind.Breaking, "schema[*].physicalName" },
        { "same version again with a change", "1.0.0", [("purpose: Orders placed.", "purpose: Orders.")], false, ChangeKind.Editorial, "version" },
        { "older version", "0.9.0", [], false, null, "version" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_gate_accepts_or_refuses_each_pair(string name, string version, (string, string)[] edits, bool accepted, ChangeKind? strongest, string path)
    {
        var previous = DataProductCatalogueLoader.LoadContract("previous.odcs.yaml", ContractVersions.Base);
        var next = DataProductCatalogueLoader.LoadContract("next.odcs.yaml", ContractVersions.Edit(version, edits));

        var verdict = ContractVersionGate.Check(previous, next);

        Assert.True(accepted == verdict.IsAccepted, $"{name}: {string.Join("; ", verdict.Refusals)}");
        Assert.Equal(strongest, verdict.Strongest);
        var named = accepted ? verdict.Changes : verdict.Refusals;
        Assert.True(path.Length == 0 || named.Any(c => c.Path == path), $"{name}: no change at {path} in {string.Join("; ", named)}");
        Assert.All(verdict.Refusals, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
    }

    [Fact]
    public void A_rename_is_reported_as_removed_with_the_likely_new_name()
    {
        var previous = DataProductCatalogueLoader.LoadContract("previous.odcs.yaml", ContractVersions.Base);
        var next = DataProductCatalogueLoader.LoadContract("next.odcs.yaml", ContractVersions.Edit("1.1.0", ("- name: note", "- name: comment")));

        var refusal = Assert.Single(ContractVersionGate.Check(previous, next).Refusals);

        Assert.Contains("renamed (to 'comment'?)", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains("needs a new major version (2.0.0 or later)", refusal.Reason, StringComparison.Ordinal);
    }
}
