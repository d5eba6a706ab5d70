namespace DataMesh.Contracts.Quality;

/// <summary>
/// One ODCS <c>quality</c> entry, on a schema object or a property. <see cref="Threshold"/> is set for
/// <c>library</c> and <c>sql</c> rules (they state exactly one operator), <see cref="Metric"/> for <c>library</c>,
/// <see cref="Query"/> for <c>sql</c>, <see cref="Engine"/> and <see cref="Implementation"/> for <c>custom</c>.
/// </summary>
/// <param name="Unit"><c>rows</c> (the default) or <c>percent</c> of the object's rows; any other unit is kept but not measured.</param>
public sealed record QualityRule(
    string? Id,
    string? Name,
    string? Description,
    QualityRuleType Type,
    QualityMetric? Metric,
    QualityArguments Arguments,
    string? Query,
    QualityThreshold? Threshold,
    string? Unit,
    string? Dimension,
    string? Method,
    string? Severity,
    string? BusinessImpact,
    QualitySchedule? Schedule,
    string? Engine,
    string? Implementation,
    IReadOnlyList<string> Tags,
    IReadOnlyList<CustomProperty> CustomProperties,
    DefinitionSource Source)
{
    /// <summary>The rule exactly as written (JSON), so a document is written back as it was read; null for a rule built in code.</summary>
    public System.Text.Json.Nodes.JsonObject? AsWritten { get; init; }

    /// <summary>Where the <c>arguments</c> mapping and each of its fields are written (null without arguments), so governance points at an argument.</summary>
    public DefinitionSource? ArgumentsSource { get; init; }

    public const string RowsUnit = "rows";
    public const string PercentUnit = "percent";

    /// <summary>Stable across runs for the catalog's history: the rule's <c>id</c>, else its <c>name</c>, else its place (<c>schema[1].quality[0]</c>).</summary>
    public string Key => Id ?? Name ?? Source.Path;

    /// <summary>Whether the platform can measure it: a library metric or a SQL query, both with an operator.</summary>
    public bool IsMeasurable => Type is QualityRuleType.Library or QualityRuleType.Sql && Threshold is not null;

    public bool InPercent => Unit == PercentUnit;
}
