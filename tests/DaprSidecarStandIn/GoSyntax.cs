using System.Globalization;
using System.Text.RegularExpressions;

namespace DaprSidecarStandIn;

/// <summary>
/// Values as daprd's Go code reads them. Durations as daprd reads them in resiliency policies and component metadata (dapr/kit <c>config/decode.go</c>):
/// a bare integer is milliseconds, anything else is Go's <c>time.ParseDuration</c> syntax (<c>300ms</c>, <c>1.5s</c>,
/// <c>2m30s</c>; units ns, us, µs, ms, s, m, h).
/// </summary>
public static partial class GoSyntax
{
    /// <summary>Go's <c>strconv.ParseBool</c>, which pflag and mapstructure apply to strings.</summary>
    public static bool? ParseBool(string text) => text switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => null,
    };

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>, as pflag reads integers, for decimal and 0x hexadecimal.</summary>
    public static long? ParseInteger(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : null
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds))
        {
            duration = TimeSpan.FromMilliseconds(milliseconds);
            return true;
        }

        var match = Syntax().Match(text);
        if (!match.Success)
        {
            return false;
        }

        if (text is "0" or "+0" or "-0")
        {
            return true;
        }

        var ticks = 0.0;
        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unit = UnitPart().Match(part.Value);
            var number = double.Parse(unit.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ticks += number * unit.Groups["unit"].Value switch
            {
                "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
                "us" or "µs" or "μs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        duration = TimeSpan.FromTicks((long)(match.Groups["sign"].Value == "-" ? -ticks : ticks));
        return true;
    }

    [GeneratedRegex(@"^(?<sign>[+-]?)(?<part>(\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$")]
    private static partial Regex Syntax();

    [GeneratedRegex(@"^(?<number>\d+(\.\d*)?|\.\d+)(?<unit>ns|us|µs|μs|ms|s|m|h)$")]
    private static partial Regex UnitPart();
}
