namespace DataMesh.Contracts;

/// <summary>
/// The ODCS <c>logicalTypeOptions</c> we enforce. Which ones a property may use depends on its logical type
/// (as in ODCS). <see cref="Enum"/> is not a logical type option: ODCS has none for a closed set of values, so it
/// is read from the property's <c>quality</c> rule <c>invalidValues</c> with <c>validValues</c> and <c>mustBe: 0</c>
/// (see <see cref="AllowedValues"/>). Exclusive bounds are flags on <see cref="Minimum"/>/<see cref="Maximum"/>
/// (ODCS v3.0.x) or the bound itself (v3.1.0 <c>exclusiveMinimum: 0</c>); both read into the same pair.
/// <see cref="Format"/> is a JSON Schema format: <c>email</c>, <c>uuid</c>, <c>uri</c>, … for strings,
/// <c>date</c> or <c>date-time</c> for dates.
/// </summary>
public sealed record LogicalTypeOptions(
    string? Format = null,
    int? MinLength = null,
    int? MaxLength = null,
    string? Pattern = null,
    IReadOnlyList<string>? Enum = null,
    decimal? Minimum = null,
    decimal? Maximum = null,
    bool ExclusiveMinimum = false,
    bool ExclusiveMaximum = false,
    decimal? MultipleOf = null,
    int? MinItems = null,
    int? MaxItems = null,
    bool UniqueItems = false)
{
    /// <summary>No options: the logical type alone.</summary>
    public static LogicalTypeOptions None { get; } = new();
}
