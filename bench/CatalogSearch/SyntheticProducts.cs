using System.Globalization;
using DataMesh.DataProducts.Registration;

namespace DataMesh.Bench.CatalogSearch;

/// <summary>
/// Generated registrations: product <c>i</c> of domain <c>i % domains</c>, with a contract of eight fields named
/// from a business vocabulary, so that words are shared by many products, as in a real catalog.
/// </summary>
internal static class SyntheticProducts
{
    public static readonly string[] Vocabulary =
    [
        "customer", "order", "invoice", "payment", "shipment", "employee", "salary", "contract", "campaign", "lead",
        "product", "stock", "warehouse", "supplier", "refund", "discount", "ticket", "account", "budget", "forecast",
        "claim", "policy", "vehicle", "route", "booking", "visit", "review", "subscription", "device", "sensor",
    ];

    private static readonly string[] Classifications = ["public", "internal", "confidential", "restricted"];

    public static string Domain(int i, int domains) => $"domain{i % domains}";

    public static CatalogRegistrationRequest Registration(int i, int domains)
    {
        var domain = Domain(i, domains);
        var id = $"{domain}.product{i}";
        var subject = Vocabulary[i % Vocabulary.Length];
        var other = Vocabulary[(i / Vocabulary.Length) % Vocabulary.Length];
        var team = $"team{i % (domains * 3)}";
        var upstream = i >= domains ? $"{domain}.product{i - domains}" : null;
        var inputPorts = upstream is null ? "" : $"""
            inputPorts:
              - name: upstream
                customProperties:
                  - property: dataProductId
                    value: {upstream}
                contractId: {upstream}.events
                version: 1.0.0

            """;
        var descriptor = $"""
            apiVersion: v1.0.0
            kind: DataProduct
            id: {id}
            name: {Title(subject)} {Title(other)} {i.ToString(CultureInfo.InvariantCulture)}
            version: 1.0.0
            status: {(i % 7 == 0 ? "draft" : "active")}
            domain: {domain}
            description:
              purpose: Every {subject} with its {other}, as {domain} records them.
              usage: Subscribe to follow each {subject} change.
              limitations: Only since the {other} system went live.
            team:
              name: {team}
            {inputPorts}outputPorts:
              - name: events
                description: {Title(subject)} events.
                version: 1.0.0
                contractId: {id}.events
            tags: [{subject}, {other}, {domain}]
            """;
        var properties = string.Concat(Enumerable.Range(0, 8).Select(p =>
        {
            var word = Vocabulary[(i + (p * 7)) % Vocabulary.Length];
            return $"""
                      - name: {word}{Title(Vocabulary[(i + p) % Vocabulary.Length])}{p.ToString(CultureInfo.InvariantCulture)}
                        logicalType: string
                        required: {(p == 0 ? "true" : "false")}
                        classification: {Classifications[(i + p) % Classifications.Length]}
                        description: The {word} of the {subject}.

                """;
        }));
        var contract = $"""
            apiVersion: v3.1.0
            kind: DataContract
            id: {id}.events
            version: 1.0.0
            status: active
            domain: {domain}
            dataProduct: {id}
            description:
              purpose: {Title(subject)} changes.
              usage: Keep a copy.
              limitations: None known.
            schema:
              - name: {Title(subject)}Changed
                physicalName: {id}.v1
                physicalType: topic
                logicalType: object
                properties:
            {properties}slaProperties:
              - property: freshness
                value: 5
                unit: min
              - property: latency
                value: 1
                unit: s
              - property: retention
                value: 1
                unit: y
            servers:
              - server: events
                type: kafka
                host: kafka
              - server: api
                type: api
                location: /api/{domain}/{subject}
            """;
        return new CatalogRegistrationRequest(domain, [new($"{id}.odps.yaml", descriptor)], [new($"{id}.odcs.yaml", contract)]);
    }

    private static string Title(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
