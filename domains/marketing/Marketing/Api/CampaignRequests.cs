using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Paging;
using Marketing.Model;

namespace Marketing.Api;

public sealed record PlanCampaign(
    [property: Required, StringLength(Campaign.NameLength, MinimumLength = 1)] string Name,
    [property: Required, AllowedValues("email", "social", "search", "events", "display"), StringLength(PlanCampaign.ChannelLength)] string Channel,
    DateOnly StartsOn,
    DateOnly EndsOn,
    [property: Range(typeof(decimal), "0", "100000000")] decimal BudgetCap)
{
    /// <summary>The longest channel, <c>display</c>.</summary>
    public const int ChannelLength = 7;

    public CampaignChannel CampaignChannel => Enum.Parse<CampaignChannel>(Channel, ignoreCase: true);
}

public sealed record RecordSpend(
    [property: Range(typeof(decimal), "0.01", "100000000")] decimal Amount,
    DateOnly SpentOn,
    [property: Required, StringLength(CampaignSpend.VendorLength, MinimumLength = 1)] string Vendor);

public sealed record CompleteCampaign(DateOnly CompletedOn);

/// <summary>A page of campaigns, optionally of one status, channel and quarter (of their start).</summary>
/// <remarks>
/// Init properties rather than a positional record: the OpenAPI document fails on validation attributes of the
/// constructor parameters of an [AsParameters] record (dotnet/aspnetcore#65348). Each is nullable, since a
/// non-nullable [AsParameters] property is a required query parameter.
/// </remarks>
public sealed record CampaignListQuery
{
    /// <summary>From 1; the first when omitted.</summary>
    [Range(1, int.MaxValue)]
    public int? Page { get; init; }

    /// <summary>20 when omitted.</summary>
    [Range(1, PageRequest.MaxPageSize)]
    public int? PageSize { get; init; }

    /// <summary>The longest status, <c>completed</c>.</summary>
    public const int StatusLength = 9;

    [AllowedValues("planned", "launched", "completed", null), StringLength(StatusLength)]
    public string? Status { get; init; }

    [AllowedValues("email", "social", "search", "events", "display", null), StringLength(PlanCampaign.ChannelLength)]
    public string? Channel { get; init; }

    [StringLength(DataMesh.DomainServices.Calendar.FiscalQuarter.Length), RegularExpression("^[0-9]{4}-Q[1-4]$", ErrorMessage = "A quarter is written yyyy-Qn, e.g. 2026-Q4.")]
    public string? Quarter { get; init; }

    public PageRequest PageRequest => new() { Page = Page ?? 1, PageSize = PageSize ?? 20 };

    public CampaignStatus? CampaignStatus => Status is null ? null : Enum.Parse<CampaignStatus>(Status, ignoreCase: true);

    public CampaignChannel? CampaignChannel => Channel is null ? null : Enum.Parse<CampaignChannel>(Channel, ignoreCase: true);

    public FiscalQuarter? FiscalQuarter => DataMesh.DomainServices.Calendar.FiscalQuarter.TryParse(Quarter, out var quarter) ? quarter : null;
}
