using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Paging;
using Marketing.Model;

namespace Marketing.Api;

public sealed record PlanCampaign(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, AllowedValues("email", "social", "search", "events", "display")] string Channel,
    DateOnly StartsOn,
    DateOnly EndsOn,
    [property: Range(typeof(decimal), "0", "100000000")] decimal BudgetCap)
{
    public CampaignChannel CampaignChannel => Enum.Parse<CampaignChannel>(Channel, ignoreCase: true);
}

public sealed record RecordSpend(
    [property: Range(typeof(decimal), "0.01", "100000000")] decimal Amount,
    DateOnly SpentOn,
    [property: Required, StringLength(200, MinimumLength = 1)] string Vendor);

public sealed record CompleteCampaign(DateOnly CompletedOn);

/// <summary>A page of campaigns, optionally of one status, channel and quarter (of their start).</summary>
public sealed record CampaignListQuery(
    [Range(1, int.MaxValue)] int Page = 1,
    [Range(1, PageRequest.MaxPageSize)] int PageSize = 20,
    [AllowedValues("planned", "launched", "completed", null)] string? Status = null,
    [AllowedValues("email", "social", "search", "events", "display", null)] string? Channel = null,
    [RegularExpression("^[0-9]{4}-Q[1-4]$", ErrorMessage = "A quarter is written yyyy-Qn, e.g. 2026-Q4.")] string? Quarter = null)
{
    public PageRequest PageRequest => new() { Page = Page, PageSize = PageSize };

    public CampaignStatus? CampaignStatus => Status is null ? null : Enum.Parse<CampaignStatus>(Status, ignoreCase: true);

    public CampaignChannel? CampaignChannel => Channel is null ? null : Enum.Parse<CampaignChannel>(Channel, ignoreCase: true);

    public Quarter? FiscalQuarter => Model.Quarter.TryParse(Quarter, out var quarter) ? quarter : null;
}
