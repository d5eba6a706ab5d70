namespace Marketing.Model;

/// <summary>A prospect a campaign brought in.</summary>
public sealed class Lead
{
    public const int NameLength = 200;

    /// <summary>The longest address SMTP carries.</summary>
    public const int EmailLength = 254;

    public Guid Id { get; init; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    /// <summary>The campaign the lead came from.</summary>
    public Guid CampaignId { get; init; }

    public DateOnly CapturedOn { get; init; }

    public LeadStatus Status { get; set; }

    public DateOnly? ConvertedOn { get; set; }

    /// <summary>PostgreSQL's xmin: the ETag of optimistic concurrency.</summary>
    public uint Version { get; set; }
}
