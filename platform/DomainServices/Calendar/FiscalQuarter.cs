using System.Globalization;
using System.Text.RegularExpressions;

namespace DataMesh.DomainServices.Calendar;

/// <summary>A fiscal quarter, written <c>yyyy-Qn</c>; the mesh's fiscal year is the calendar year.</summary>
public readonly partial record struct FiscalQuarter(int Year, int Number)
{
    /// <summary>How long a quarter is written: <c>yyyy-Qn</c>.</summary>
    public const int Length = 7;

    public Month FirstMonth => new(Year, (Number * 3) - 2);

    public Month LastMonth => new(Year, Number * 3);

    public DateOnly FirstDay => FirstMonth.FirstDay;

    public DateOnly LastDay => LastMonth.LastDay;

    public static FiscalQuarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    public static FiscalQuarter Of(Month month) => Of(month.FirstDay);

    public static bool TryParse(string? text, out FiscalQuarter quarter)
    {
        var match = text is null ? Match.Empty : Pattern().Match(text);
        quarter = match.Success
            ? new FiscalQuarter(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), match.Groups["quarter"].Value[0] - '0')
            : default;
        return match.Success;
    }

    /// <summary>How many of <paramref name="from"/> to <paramref name="to"/> (inclusive; open-ended when null) fall in this quarter.</summary>
    public int MonthsOverlapping(Month from, Month? to)
    {
        var first = from > FirstMonth ? from : FirstMonth;
        var last = to is { } end && end < LastMonth ? end : LastMonth;
        return first > last ? 0 : ((last.Year - first.Year) * 12) + last.Number - first.Number + 1;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Number}");

    [GeneratedRegex("^(?<year>[0-9]{4})-Q(?<quarter>[1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
