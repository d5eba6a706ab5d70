using DataMesh.Contracts;
using DataMesh.Contracts.Quality;

namespace DataMesh.Quality;

/// <summary>A quality rule with the contract, schema object and (for a column rule) property it is written on.</summary>
public sealed record ContractQualityRule(DataContract Contract, SchemaObject Object, SchemaProperty? Property, QualityRule Rule)
{
    /// <summary>The schema object, or <c>object.property</c>, the rule is on.</summary>
    public string Element => Property is null ? Object.Name : $"{Object.Name}.{Property.Name}";

    /// <summary>What the rule is: the library metric's name (<c>nullValues</c>), or <c>sql</c>, <c>text</c>, <c>custom</c>.</summary>
    public string Kind => Rule.Metric is { } metric ? Camel(metric.ToString()) : Camel(Rule.Type.ToString());

    /// <summary>
    /// Every rule the contract states on its stored data (table and view objects and their top-level properties), in the
    /// order written. Rules on event types are not measured on a database: every event is checked against them when it
    /// is published and read (a closed set of values).
    /// </summary>
    public static IReadOnlyList<ContractQualityRule> Of(DataContract contract) =>
        contract.StoredObjects.SelectMany(o => o.Quality.Select(r => new ContractQualityRule(contract, o, null, r))
                .Concat(o.Properties.SelectMany(p => p.Quality.Select(r => new ContractQualityRule(contract, o, p, r)))))
            .ToList();

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
