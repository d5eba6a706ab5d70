namespace Finance.EventHandlers;

/// <summary>What finance reads of <c>marketing.campaigns</c> (contract <c>marketing.campaigns.events</c> 1.0.0).</summary>
public sealed record CampaignSpendRecorded(Guid CampaignId, Guid SpendId, decimal Amount, DateOnly SpentOn, string Vendor);
