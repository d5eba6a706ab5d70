using System.Net.Http.Json;
using DataMesh.Contracts;
using DataMesh.DataProducts.Registration;
using DataMesh.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Quality;

/// <summary>
/// Keeps the quality promises of the domain's own contracts: runs each <c>library</c> and <c>sql</c> rule that has a
/// cron <c>schedule</c> at its times (and once at start, <see cref="QualityRulesOptions.RunAtStart"/>; every
/// <see cref="QualityRulesOptions.Interval"/> instead when one is set) against the
/// domain's database, and reports every result to the catalog (<c>PUT</c>
/// <see cref="CatalogRegistrationOptions.QualityResultsPath"/>, the service's credential), which keeps each rule's
/// history and marks the product's promise breached while a rule's last run failed. Results the catalog did not take
/// are sent again with the next ones. Upstream copies of other domains' contracts are never run: their owners run them.
/// </summary>
public sealed class ScheduledQualityRules<TDbContext>(
    IServiceProvider services,
    IHttpClientFactory httpClients,
    DataProductCatalogue catalogue,
    DataProductsOptions options,
    TimeProvider clock,
    ILogger<ScheduledQualityRules<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    /// <summary>The longest single wait: <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> refuses waits of about 50 days and more.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rules = ScheduledRules();
        if (rules.Count == 0)
        {
            return;
        }

        var (database, owned) = await DomainDataSource<TDbContext>.OpenAsync(services, "its quality rules cannot run", stoppingToken);
        using var http = httpClients.CreateClient(CatalogRegistration.HttpClientName);
        var start = clock.GetUtcNow();
        var due = rules.ToDictionary(r => r, r => options.Quality.RunAtStart ? start : NextRun(r, start));
        var pending = new List<QualityRuleResult>();
        var retry = new CatalogRetryDelay(options.Catalog);
        var checkOptions = new QualityCheckOptions { StatementTimeout = options.Quality.StatementTimeout };
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                var toRun = rules.Where(r => due[r] <= now).ToList();
                if (toRun.Count > 0)
                {
                    var results = await QualityCheck.RunAsync(database, toRun.Select(r => r.Rule), checkOptions, clock, stoppingToken);
                    pending.AddRange(results.Select(result => result.ToReport(rules.First(r => r.Rule == result.Rule).DataProductId)));
                    foreach (var rule in toRun)
                    {
                        due[rule] = NextRun(rule, now);
                    }

                    foreach (var failed in results.Where(r => r.Outcome != QualityOutcome.Passed))
                    {
                        logger.LogWarning(
                            "Quality rule {RuleId} on {Element} of contract {ContractId} {ContractVersion}: {Outcome}, {Detail}.",
                            failed.Rule.Rule.Key, failed.Rule.Element, failed.Rule.Contract.Id, failed.Rule.Contract.Version, failed.Outcome, failed.Detail);
                    }

                    if (pending.Count > options.Quality.MaxPendingResults)
                    {
                        pending.RemoveRange(0, pending.Count - options.Quality.MaxPendingResults);
                    }
                }

                var wait = NextWait(due.Values, clock.GetUtcNow());
                if (pending.Count > 0)
                {
                    try
                    {
                        using var response = await http.PutAsJsonAsync(
                            new Uri(options.Catalog.Address, options.Catalog.QualityResultsPath), new QualityResultsReportRequest(options.Domain, pending), stoppingToken);
                        response.EnsureSuccessStatusCode();
                        pending.Clear();
                        retry.Succeeded();
                    }
                    catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                    {
                        var retryDelay = retry.Failed();
                        logger.LogWarning(exception, "Reporting {Count} quality results to the catalog failed; retrying in {RetryDelay}.", pending.Count, retryDelay);
                        wait = retryDelay < wait ? retryDelay : wait;
                    }
                }

                await Task.Delay(wait, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (owned)
            {
                await database.DisposeAsync();
            }
        }
    }

    /// <summary>When <paramref name="rule"/> runs next after <paramref name="time"/>: at its cron time, or after <see cref="QualityRulesOptions.Interval"/> when one is set.</summary>
    private DateTimeOffset? NextRun(ScheduledRule rule, DateTimeOffset time) =>
        options.Quality.Interval is { } interval ? time + interval : rule.Rule.Rule.Schedule!.NextAfter(time);

    /// <summary>The own data products' rules that run on a cron schedule, each with the product whose contract states it.</summary>
    private IReadOnlyList<ScheduledRule> ScheduledRules() =>
        catalogue.DataProducts
            .Where(p => p.Domain == options.Domain)
            .SelectMany(p => catalogue.ContractsOffered(p).SelectMany(ContractQualityRule.Of), (p, rule) => new ScheduledRule(p.Id, rule))
            .Where(r => r.Rule.Rule.IsMeasurable && r.Rule.Rule.Schedule?.Cron is not null)
            .DistinctBy(r => (r.Rule.Contract.Id, r.Rule.Contract.Version, r.Rule.Element, r.Rule.Rule.Key))
            .ToList();

    private static TimeSpan NextWait(IEnumerable<DateTimeOffset?> due, DateTimeOffset now)
    {
        var next = due.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(now + LongestWait).Min();
        var wait = next - now;
        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
    }

    private sealed record ScheduledRule(string DataProductId, ContractQualityRule Rule);
}
