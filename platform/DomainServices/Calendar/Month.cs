using System.Globalization;

namespace DataMesh.DomainServices.Calendar;

/// <summary>A calendar month, written <c>yyyy-MM</c>.</summary>
public readonly record struct Month(int Year, int Number)
{
    /// <summary>How long a month is written: <c>yyyy-MM</c>.</summary>
    public const int Length = 7;

    public DateOnly FirstDay => new(Year, Number, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public static Month Of(DateOnly day) => new(day.Year, day.Month);

    public Month Next => Of(FirstDay.AddMonths(1));

    public Month Previous => Of(FirstDay.AddMonths(-1));

    public static bool operator <(Month left, Month right) => left.FirstDay < right.FirstDay;

    public static bool operator >(Month left, Month right) => left.FirstDay > right.FirstDay;

    public static bool operator <=(Month left, Month right) => left.FirstDay <= right.FirstDay;

    public static bool operator >=(Month left, Month right) => left.FirstDay >= right.FirstDay;

    public static bool TryParse(string? text, out Month month)
    {
        var parsed = DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        month = parsed ? Of(day) : default;
        return parsed;
    }

    public override string ToString() => FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
