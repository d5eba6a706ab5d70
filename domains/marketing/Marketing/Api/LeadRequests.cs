using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Paging;
using Marketing.Model;

namespace Marketing.Api;

public sealed record CaptureLead(
    [property: Required, StringLength(Lead.NameLength, MinimumLength = 1)] string Name,
    [property: Required, EmailAddress, StringLength(Lead.EmailLength)] string Email,
    Guid CampaignId,
    DateOnly CapturedOn);

public sealed record ConvertLead(DateOnly ConvertedOn);

/// <summary>A page of leads, optionally of one status and source campaign.</summary>
/// <remarks>Init properties, as <see cref="CampaignListQuery"/> explains.</remarks>
public sealed record LeadListQuery
{
    /// <summary>From 1; the first when omitted.</summary>
    [Range(1, int.MaxValue)]
    public int? Page { get; init; }

    /// <summary>20 when omitted.</summary>
    [Range(1, PageRequest.MaxPageSize)]
    public int? PageSize { get; init; }

    /// <summary>The longest status, <c>converted</c>.</summary>
    public const int StatusLength = 9;

    [AllowedValues("new", "converted", null), StringLength(StatusLength)]
    public string? Status { get; init; }

    public Guid? CampaignId { get; init; }

    public PageRequest PageRequest => new() { Page = Page ?? 1, PageSize = PageSize ?? 20 };

    public LeadStatus? LeadStatus => Status is null ? null : Enum.Parse<LeadStatus>(Status, ignoreCase: true);
}
