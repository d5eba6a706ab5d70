namespace Finance.Model;

/// <summary>Where costs are booked; other domains name it by its code, e.g. <c>CC-300</c>.</summary>
public sealed class CostCenter
{
    public const int CodeLength = 20;
    public const int NameLength = 100;

    public required string Code { get; init; }

    public required string Name { get; set; }
}
