using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DaprSidecarStandIn;

/// <summary>
/// One routing rule of a v2 subscription. daprd evaluates CEL; the stand-in understands the empty match
/// (always) and <c>event.type == "x"</c>, which is what the mesh's subscriptions use.
/// </summary>
public sealed partial record RouteRule(string Match, string Path, string? EventType)
{
    /// <summary>Null when the expression is beyond what the stand-in evaluates.</summary>
    public static RouteRule? Parse(string match, string path)
    {
        if (string.IsNullOrWhiteSpace(match))
        {
            return new RouteRule(match, path, EventType: null);
        }

        var equality = TypeEquality().Match(match);
        return equality.Success ? new RouteRule(match, path, equality.Groups["type"].Value) : null;
    }

    public bool Matches(JsonObject cloudEvent) =>
        EventType is null || (cloudEvent["type"] is JsonValue type && type.TryGetValue<string>(out var value) && value == EventType);

    [GeneratedRegex("""^\s*event\.type\s*==\s*(["'])(?<type>[^"']*)\1\s*$""")]
    private static partial Regex TypeEquality();
}
