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
    /// <summary>A <c>date</c>, <c>timestamp</c> or <c>time</c> property's bounds, written as text in the type's format.</summary>
    public string? TemporalMinimum { get; init; }

    public string? TemporalMaximum { get; init; }

    public string? TemporalExclusiveMinimum { get; init; }

    public string? TemporalExclusiveMaximum { get; init; }

    /// <summary>Whether a <c>timestamp</c> or <c>time</c> carries its time zone.</summary>
    public bool? Timezone { get; init; }

    /// <summary>The time zone a <c>timestamp</c> or <c>time</c> without one is in (the standard's default is Etc/UTC).</summary>
    public string? DefaultTimezone { get; init; }

    /// <summary>An <c>object</c> property's bounds on its number of fields.</summary>
    public int? MinProperties { get; init; }

    public int? MaxProperties { get; init; }

    /// <summary>The fields an <c>object</c> property must have, when its options list them.</summary>
    public IReadOnlyList<string>? RequiredProperties { get; init; }

    /// <summary>
    /// The options exactly as written (JSON), so a document is written back as it was read: the typed members above
    /// are what the mesh reads, and in v3.1.0 both <c>minimum</c> and <c>exclusiveMinimum</c> fold into one bound.
    /// A <c>boolean</c>'s options, which the standard leaves open, are only here.
    /// </summary>
    public System.Text.Json.Nodes.JsonObject? AsWritten { get; init; }

    /// <summary>Where the options are written, for governance findings on them; null for options built in code.</summary>
    public DefinitionSource? Source { get; init; }

    /// <summary>No options: the logical type alone.</summary>
    public static LogicalTypeOptions None { get; } = new();
}
