namespace Domain1.Model;

/// <summary>HR's latest figures of one department and month, as the <c>headcount</c> input port received them.</summary>
public sealed class TeamHeadcount
{
    public required string Department { get; init; }

    /// <summary>yyyy-MM.</summary>
    public required string Month { get; init; }

    public int Headcount { get; set; }

    public int Hires { get; set; }

    public int Leavers { get; set; }
}
