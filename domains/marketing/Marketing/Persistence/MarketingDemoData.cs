using System.Globalization;
using DataMesh.DomainServices.Persistence;
using Marketing.Commands;
using Marketing.Model;
using Microsoft.EntityFrameworkCore;

namespace Marketing.Persistence;

/// <summary>
/// A few planned campaigns and their leads, written through <see cref="Campaigning"/> and
/// <see cref="LeadPipeline"/> so the leads are published like any others. The campaigns stay planned: launching
/// needs a marketing budget, which only finance's events bring. Fixed ids and dates: the same demo on every machine.
/// </summary>
public sealed class MarketingDemoData(MarketingDbContext db, Campaigning campaigning, LeadPipeline leads) : IDemoData
{
    public static readonly (Guid Id, string Name, CampaignChannel Channel, string StartsOn, string EndsOn, decimal BudgetCap)[] Campaigns =
    [
        (Guid.Parse("0c000000-0000-4000-8000-000000000001"), "Winter newsletter", CampaignChannel.Email, "2026-11-02", "2026-12-18", 8000m),
        (Guid.Parse("0c000000-0000-4000-8000-000000000002"), "Search: data mesh", CampaignChannel.Search, "2026-11-09", "2026-12-31", 15000m),
        (Guid.Parse("0c000000-0000-4000-8000-000000000003"), "Mesh meetup Berlin", CampaignChannel.Events, "2026-12-03", "2026-12-03", 6000m),
        (Guid.Parse("0c000000-0000-4000-8000-000000000004"), "Spring social", CampaignChannel.Social, "2027-02-01", "2027-03-31", 12000m),
    ];

    private static readonly (int Number, string Name, int Campaign, string CapturedOn)[] People =
    [
        (1, "Margaret Hamilton", 0, "2026-11-04"),
        (2, "Tim Berners-Lee", 0, "2026-11-05"),
        (3, "Sophie Wilson", 1, "2026-11-12"),
        (4, "Ken Thompson", 1, "2026-11-13"),
        (5, "Mary Kenneth Keller", 2, "2026-12-03"),
        (6, "Dennis Ritchie", 2, "2026-12-03"),
    ];

    public Task<bool> IsPresentAsync(CancellationToken cancellationToken) => db.Campaigns.AnyAsync(cancellationToken);

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, name, channel, startsOn, endsOn, budgetCap) in Campaigns)
        {
            await campaigning.PlanAsync(id, name, channel, Day(startsOn), Day(endsOn), budgetCap, cancellationToken);
        }

        foreach (var person in People)
        {
            var email = $"{person.Name.Split(' ')[0].ToLowerInvariant()}@prospect.example";
            await leads.CaptureAsync(
                Guid.Parse($"0a000000-0000-4000-8000-{person.Number:D12}"), person.Name, email, Campaigns[person.Campaign].Id, Day(person.CapturedOn), cancellationToken);
        }
    }

    private static DateOnly Day(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);
}
