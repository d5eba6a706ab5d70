using Marketing.Model;

namespace Marketing.DataProducts;

/// <summary>The data product and port the campaign events are published on, as <c>campaigns.odps.yaml</c> declares them.</summary>
public static class CampaignEvents
{
    public const string DataProductId = "marketing.campaigns";
    public const string Port = "campaign-events";
}

public sealed record CampaignLaunched(Guid CampaignId, string Name, CampaignChannel Channel, DateOnly StartsOn, DateOnly EndsOn, decimal BudgetCap);

public sealed record CampaignSpendRecorded(Guid CampaignId, Guid SpendId, decimal Amount, DateOnly SpentOn, string Vendor, CampaignChannel Channel);

public sealed record CampaignCompleted(Guid CampaignId, decimal TotalSpend, DateOnly CompletedOn);
