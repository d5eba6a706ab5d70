using System.Net.Http.Json;
using DataMesh.Contracts;
using DataMesh.DataProducts.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// Tells the catalog how many of each of the domain's data products' events the outbox relay parked, the oldest and
/// why, with the service's credential, so the product's page shows them. The report is the whole picture each time
/// (idempotent), sent when it changed: at start, when the relay parks an event, and at
/// <see cref="CatalogRegistrationOptions.ParkedEventsInterval"/> for rows changed by hand.
/// </summary>
public sealed class ParkedEventsReport<TDbContext>(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    DataProductCatalogue catalogue,
    DataProductsOptions options,
    TimeProvider clock,
    ILogger<ParkedEventsReport<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private readonly OutboxSignal parked = new();

    /// <summary>The relay parked an event: report now rather than at the next interval.</summary>
    public void Wake() => parked.Notify();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var own = catalogue.DataProducts.Where(p => p.Domain == options.Domain).Select(p => p.Id).ToList();
        if (own.Count == 0)
        {
            return;
        }

        using var http = httpClients.CreateClient(CatalogRegistration.HttpClientName);
        IReadOnlyList<ParkedEvents>? reported = null;
        var retry = new CatalogRetryDelay(options.Catalog);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = options.Catalog.ParkedEventsInterval;
                try
                {
                    var now = await ReadAsync(own, stoppingToken);
                    if (reported is null || !now.SequenceEqual(reported))
                    {
                        using var response = await http.PutAsJsonAsync(
                            new Uri(options.Catalog.Address, options.Catalog.ParkedEventsPath), new ParkedEventsReportRequest(options.Domain, now), stoppingToken);
                        response.EnsureSuccessStatusCode();
                        reported = now;
                    }

                    retry.Succeeded();
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    wait = retry.Failed();
                    logger.LogWarning(exception, "Reporting parked outbox events to the catalog failed; retrying in {RetryDelay}.", wait);
                }

                await parked.WaitAsync(wait, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<IReadOnlyList<ParkedEvents>> ReadAsync(IReadOnlyList<string> own, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var counts = await db.Set<OutboxEvent>().AsNoTracking()
            .Where(e => e.ParkedAt != null && e.SentAt == null)
            .GroupBy(e => e.DataProductId)
            .Select(g => new { DataProductId = g.Key, Count = g.Count(), Oldest = g.OrderBy(e => e.ParkedAt).ThenBy(e => e.Sequence).Select(e => new { e.ParkedAt, e.LastError }).First() })
            .ToDictionaryAsync(p => p.DataProductId, ct);
        return own.Order(StringComparer.Ordinal)
            .Select(id => counts.TryGetValue(id, out var p) ? new ParkedEvents(id, p.Count, p.Oldest.ParkedAt, p.Oldest.LastError) : new ParkedEvents(id, 0, null, null))
            .ToList();
    }
}
