using DataMesh.DomainServices.Calendar;
namespace Marketing.Model;

/// <summary>A marketing campaign, from its plan to its completion, with what it has spent.</summary>
public sealed class Campaign
{
    public const int NameLength = 200;

    public Guid Id { get; init; }

    public required string Name { get; set; }

    public CampaignChannel Channel { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    /// <summary>The most the campaign may spend, in EUR.</summary>
    public decimal BudgetCap { get; set; }

    public CampaignStatus Status { get; set; }

    /// <summary>All recorded spend, in EUR.</summary>
    public decimal Spend { get; set; }

    public DateOnly? CompletedOn { get; set; }

    /// <summary>The quarter whose marketing budget the campaign draws on: the quarter it starts in.</summary>
    public FiscalQuarter Quarter => FiscalQuarter.Of(StartsOn);

    /// <summary>PostgreSQL's xmin: the ETag of optimistic concurrency.</summary>
    public uint Version { get; set; }
}
