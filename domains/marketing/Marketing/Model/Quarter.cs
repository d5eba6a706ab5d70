using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketing.Model;

/// <summary>A calendar quarter, the unit budgets are allocated in; written <c>yyyy-Qn</c> as finance does.</summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    public DateOnly FirstDay => new(Year, ((Number - 1) * 3) + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>Its three months as <c>yyyy-MM</c>, the way headcount figures are keyed.</summary>
    public IReadOnlyList<string> Months
    {
        get
        {
            var first = FirstDay;
            return [.. Enumerable.Range(0, 3).Select(i => first.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture))];
        }
    }

    public static Quarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    public static bool TryParse(string? text, out Quarter quarter)
    {
        var match = Written().Match(text ?? string.Empty);
        quarter = match.Success
            ? new Quarter(int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), match.Groups["number"].Value[0] - '0')
            : default;
        return match.Success;
    }

    public override string ToString() => $"{Year.ToString("D4", CultureInfo.InvariantCulture)}-Q{Number.ToString(CultureInfo.InvariantCulture)}";

    [GeneratedRegex("^(?<year>[0-9]{4})-Q(?<number>[1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex Written();
}
