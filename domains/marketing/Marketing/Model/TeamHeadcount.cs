namespace Marketing.Model;

/// <summary>The marketing department's latest figures of a month, from <c>hr.headcount</c>.</summary>
public sealed class TeamHeadcount
{
    /// <summary>The department whose figures marketing keeps.</summary>
    public const string Department = "Marketing";

    /// <summary>As <c>yyyy-MM</c>.</summary>
    public required string Month { get; init; }

    public int Headcount { get; set; }

    public int Hires { get; set; }

    public int Leavers { get; set; }
}
