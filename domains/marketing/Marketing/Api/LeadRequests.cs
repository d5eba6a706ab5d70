using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Paging;
using Marketing.Model;

namespace Marketing.Api;

public sealed record CaptureLead(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Required, EmailAddress, StringLength(254)] string Email,
    Guid CampaignId,
    DateOnly CapturedOn);

public sealed record ConvertLead(DateOnly ConvertedOn);

/// <summary>A page of leads, optionally of one status and source campaign.</summary>
public sealed record LeadListQuery(
    [Range(1, int.MaxValue)] int Page = 1,
    [Range(1, PageRequest.MaxPageSize)] int PageSize = 20,
    [AllowedValues("new", "converted", null)] string? Status = null,
    Guid? CampaignId = null)
{
    public PageRequest PageRequest => new() { Page = Page, PageSize = PageSize };

    public LeadStatus? LeadStatus => Status is null ? null : Enum.Parse<LeadStatus>(Status, ignoreCase: true);
}
