namespace Marketing.DataProducts;

/// <summary>The data product and port the lead events are published on, as <c>leads.odps.yaml</c> declares them.</summary>
public static class LeadEvents
{
    public const string DataProductId = "marketing.leads";
    public const string Port = "lead-events";
}

public sealed record LeadCaptured(Guid LeadId, string Name, string Email, Guid CampaignId, DateOnly CapturedOn);

public sealed record LeadConverted(Guid LeadId, Guid CampaignId, DateOnly ConvertedOn);
