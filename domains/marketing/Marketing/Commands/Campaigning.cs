using System.Globalization;
using DataMesh.DataProducts.Publishing;
using DataMesh.DomainServices.Persistence;
using DataMesh.DomainServices.Problems;
using Marketing.DataProducts;
using Marketing.Model;
using Marketing.Persistence;

namespace Marketing.Commands;

/// <summary>
/// Marketing's campaign commands: each changes a campaign and publishes what changed on
/// <c>marketing.campaigns</c> in one transaction with the outbox. Launches and spend are held to the quarter's
/// marketing budget, which finance allocates.
/// </summary>
public sealed class Campaigning(MarketingDbContext db, DataProductPublisher publisher)
{
    private OutputPortPublisher CampaignEventsPort => publisher.OutputPort(CampaignEvents.DataProductId, CampaignEvents.Port);

    /// <summary>Plans a campaign; planning commits no money, so it publishes nothing.</summary>
    public async Task<Campaign> PlanAsync(Guid id, string name, CampaignChannel channel, DateOnly startsOn, DateOnly endsOn, decimal budgetCap, CancellationToken cancellationToken)
    {
        if (endsOn < startsOn)
        {
            throw new DomainRuleViolation("endsOn", $"A campaign cannot end ({endsOn:yyyy-MM-dd}) before it starts ({startsOn:yyyy-MM-dd}).", StatusCodes.Status400BadRequest);
        }

        var campaign = new Campaign
        {
            Id = id,
            Name = name,
            Channel = channel,
            StartsOn = startsOn,
            EndsOn = endsOn,
            BudgetCap = budgetCap,
            Status = CampaignStatus.Planned,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }

    /// <summary>Launches a planned campaign if its cap fits in what the quarter's budget has not committed yet.</summary>
    public Task<Campaign> LaunchAsync(Campaign campaign, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            if (campaign.Status != CampaignStatus.Planned)
            {
                throw new DomainRuleViolation("campaignId", $"Campaign {campaign.Id} is {Named(campaign.Status)}; only a planned campaign launches.", StatusCodes.Status409Conflict);
            }

            await db.LockQuarterAsync(campaign.Quarter, ct);
            var plan = await db.PlanAsync(campaign.Quarter, ct);
            if (campaign.BudgetCap > plan.Remaining)
            {
                throw Exceeds("budgetCap", $"The campaign's cap of {Eur(campaign.BudgetCap)} exceeds what remains of the {plan.Quarter} marketing budget", plan.Remaining, plan);
            }

            campaign.Status = CampaignStatus.Launched;
            CampaignEventsPort.Publish(db, nameof(CampaignLaunched), campaign.Id.ToString(), new CampaignLaunched(
                campaign.Id, campaign.Name, campaign.Channel, campaign.StartsOn, campaign.EndsOn, campaign.BudgetCap));
            await db.SaveChangesAsync(ct);
            return campaign;
        }, cancellationToken);

    /// <summary>Records money a launched campaign spent, within its cap and within the quarter's budget.</summary>
    public Task<CampaignSpend> RecordSpendAsync(Campaign campaign, Guid spendId, decimal amount, DateOnly spentOn, string vendor, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            if (campaign.Status != CampaignStatus.Launched)
            {
                throw new DomainRuleViolation("campaignId", $"Campaign {campaign.Id} is {Named(campaign.Status)}; only a launched campaign spends.", StatusCodes.Status409Conflict);
            }

            if (spentOn < campaign.StartsOn)
            {
                throw new DomainRuleViolation("spentOn", $"The campaign starts on {campaign.StartsOn:yyyy-MM-dd}; it cannot spend before.");
            }

            await db.LockQuarterAsync(campaign.Quarter, ct);
            var plan = await db.PlanAsync(campaign.Quarter, ct);
            if (campaign.Spend + amount > campaign.BudgetCap)
            {
                throw Exceeds("amount", $"Spending {Eur(amount)} would take the campaign beyond its cap of {Eur(campaign.BudgetCap)}", campaign.BudgetCap - campaign.Spend, plan);
            }

            if (amount > plan.SpendRemaining)
            {
                throw Exceeds("amount", $"Spending {Eur(amount)} would take the {plan.Quarter} marketing spend beyond its budget of {Eur(plan.Budget)}", plan.SpendRemaining, plan);
            }

            var spend = new CampaignSpend { Id = spendId, CampaignId = campaign.Id, Amount = amount, SpentOn = spentOn, Vendor = vendor };
            db.CampaignSpends.Add(spend);
            campaign.Spend += amount;
            CampaignEventsPort.Publish(db, nameof(CampaignSpendRecorded), campaign.Id.ToString(), new CampaignSpendRecorded(
                campaign.Id, spendId, amount, spentOn, vendor, campaign.Channel));
            await db.SaveChangesAsync(ct);
            return spend;
        }, cancellationToken);

    public async Task<Campaign> CompleteAsync(Campaign campaign, DateOnly completedOn, CancellationToken cancellationToken)
    {
        if (campaign.Status != CampaignStatus.Launched)
        {
            throw new DomainRuleViolation("campaignId", $"Campaign {campaign.Id} is {Named(campaign.Status)}; only a launched campaign completes.", StatusCodes.Status409Conflict);
        }

        if (completedOn < campaign.StartsOn)
        {
            throw new DomainRuleViolation("completedOn", $"The campaign starts on {campaign.StartsOn:yyyy-MM-dd}; it cannot complete before.");
        }

        campaign.Status = CampaignStatus.Completed;
        campaign.CompletedOn = completedOn;
        CampaignEventsPort.Publish(db, nameof(CampaignCompleted), campaign.Id.ToString(), new CampaignCompleted(campaign.Id, campaign.Spend, completedOn));
        await db.SaveChangesAsync(cancellationToken);
        return campaign;
    }

    private static DomainRuleViolation Exceeds(string field, string what, decimal remaining, QuarterPlan plan) =>
        new(field, $"{what}: {Eur(remaining)} remains.", StatusCodes.Status422UnprocessableEntity, new Dictionary<string, object?>
        {
            ["remaining"] = remaining,
            ["quarter"] = plan.Quarter,
            ["budget"] = plan.Budget,
            ["committed"] = plan.Committed,
            ["spent"] = plan.Spent,
        });

    private static string Eur(decimal amount) => $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} EUR";

    private static string Named(CampaignStatus status) => status.ToString().ToLowerInvariant();
}
