namespace DataMesh.Contracts;

/// <summary>
/// One ODCS <c>slaProperties</c> entry, e.g. <c>{property: freshness, value: 5, unit: s}</c>.
/// <see cref="Duration"/> is the value read as a time span when the unit is a time unit.
/// </summary>
public sealed record ServiceLevelProperty(string Property, string Value, string? Unit, string? Element, string? Driver, DefinitionSource Source)
{
    public string? Id { get; init; }

    /// <summary>The value as written (a number, text, a boolean or null); <see cref="Value"/> is its text.</summary>
    public System.Text.Json.Nodes.JsonNode? ValueAsWritten { get; init; }

    /// <summary>The extended value (ODCS <c>valueExt</c>), any scalar; see <see cref="HasValueExt"/> for a written null.</summary>
    public System.Text.Json.Nodes.JsonNode? ValueExt { get; init; }

    public bool HasValueExt { get; init; }

    public string? Description { get; init; }

    /// <summary>How the promise is checked on a schedule, e.g. <c>cron</c>.</summary>
    public string? Scheduler { get; init; }

    public string? Schedule { get; init; }

    /// <summary>The time units we understand, with the ODCS spellings (<c>d</c>, <c>day</c>, <c>days</c>, …).</summary>
    internal static IReadOnlyDictionary<string, TimeSpan> TimeUnits { get; } = new Dictionary<string, TimeSpan>
    {
        ["ms"] = TimeSpan.FromMilliseconds(1),
        ["s"] = TimeSpan.FromSeconds(1), ["sec"] = TimeSpan.FromSeconds(1), ["second"] = TimeSpan.FromSeconds(1), ["seconds"] = TimeSpan.FromSeconds(1),
        ["min"] = TimeSpan.FromMinutes(1), ["minute"] = TimeSpan.FromMinutes(1), ["minutes"] = TimeSpan.FromMinutes(1),
        ["h"] = TimeSpan.FromHours(1), ["hr"] = TimeSpan.FromHours(1), ["hour"] = TimeSpan.FromHours(1), ["hours"] = TimeSpan.FromHours(1),
        ["d"] = TimeSpan.FromDays(1), ["day"] = TimeSpan.FromDays(1), ["days"] = TimeSpan.FromDays(1),
        ["w"] = TimeSpan.FromDays(7), ["week"] = TimeSpan.FromDays(7), ["weeks"] = TimeSpan.FromDays(7),
        ["y"] = TimeSpan.FromDays(365), ["yr"] = TimeSpan.FromDays(365), ["year"] = TimeSpan.FromDays(365), ["years"] = TimeSpan.FromDays(365),
    };

    /// <summary>The value as a time span, or null when the value is not a number or the unit not a time unit.</summary>
    public TimeSpan? Duration =>
        Unit is not null
        && TimeUnits.TryGetValue(Unit, out var unit)
        && decimal.TryParse(Value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount)
            ? unit * (double)amount
            : null;
}
