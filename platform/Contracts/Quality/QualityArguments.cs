namespace DataMesh.Contracts.Quality;

/// <summary>
/// The <c>arguments</c> of a <c>library</c> rule. Values are kept as text (a null entry as null), since the metrics
/// compare a column's text with them.
/// </summary>
/// <param name="ValidValues"><c>invalidValues</c>: the allowed set; any other non-null value is invalid.</param>
/// <param name="Pattern"><c>invalidValues</c>: a regular expression every non-null value must match.</param>
/// <param name="MissingValues"><c>missingValues</c>: values that mean "missing" besides null, e.g. <c>''</c> or <c>N/A</c>.</param>
/// <param name="Properties">Schema-level <c>duplicateValues</c>: the properties whose combination must not repeat.</param>
public sealed record QualityArguments(
    IReadOnlyList<string?>? ValidValues,
    string? Pattern,
    IReadOnlyList<string?>? MissingValues,
    IReadOnlyList<string>? Properties)
{
    public static QualityArguments None { get; } = new(null, null, null, null);
}
