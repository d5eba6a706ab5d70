namespace Marketing.Model;

/// <summary>One payment of a campaign, as invoiced.</summary>
public sealed class CampaignSpend
{
    public const int VendorLength = 200;

    public Guid Id { get; init; }

    public Guid CampaignId { get; init; }

    /// <summary>In EUR.</summary>
    public decimal Amount { get; init; }

    public DateOnly SpentOn { get; init; }

    public required string Vendor { get; init; }
}
