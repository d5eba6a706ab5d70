using System.ComponentModel.DataAnnotations;
using Marketing.Model;

namespace Marketing.Api;

/// <summary>A lead as the API shows it.</summary>
public sealed record LeadView(Guid Id, [property: MaxLength(Lead.NameLength)] string Name, [property: MaxLength(Lead.EmailLength)] string Email, Guid CampaignId, DateOnly CapturedOn, LeadStatus Status, DateOnly? ConvertedOn)
{
    public static LeadView Of(Lead l) => new(l.Id, l.Name, l.Email, l.CampaignId, l.CapturedOn, l.Status, l.ConvertedOn);
}
