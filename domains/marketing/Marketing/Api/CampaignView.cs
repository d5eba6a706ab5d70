using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Calendar;
using Marketing.Model;

namespace Marketing.Api;

/// <summary>A campaign as the API shows it.</summary>
public sealed record CampaignView(
    Guid Id,
    [property: MaxLength(Campaign.NameLength)] string Name,
    CampaignChannel Channel,
    DateOnly StartsOn,
    DateOnly EndsOn,
    [property: MaxLength(FiscalQuarter.Length)] string Quarter,
    decimal BudgetCap,
    CampaignStatus Status,
    decimal Spend,
    DateOnly? CompletedOn)
{
    public static CampaignView Of(Campaign c) => new(c.Id, c.Name, c.Channel, c.StartsOn, c.EndsOn, c.Quarter.ToString(), c.BudgetCap, c.Status, c.Spend, c.CompletedOn);
}

/// <summary>A recorded spend as the API shows it.</summary>
public sealed record CampaignSpendView(Guid Id, Guid CampaignId, decimal Amount, DateOnly SpentOn, [property: MaxLength(CampaignSpend.VendorLength)] string Vendor)
{
    public static CampaignSpendView Of(CampaignSpend s) => new(s.Id, s.CampaignId, s.Amount, s.SpentOn, s.Vendor);
}
