using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.Client;
using DataMesh.DataProducts.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// Sends the domain's outbox through its Dapr sidecar as CloudEvents, at least once and in order per
/// partition key. Rows are claimed with <c>FOR UPDATE SKIP LOCKED</c> so that replicas share the work and
/// never send the same row concurrently; a row is marked sent in the claiming transaction, after the
/// sidecar accepted it, so a relay that dies in between leaves the row to be sent again (same CloudEvent
/// id, which consumers' inboxes recognise).
/// </summary>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    DaprClient dapr,
    DataProductsOptions options,
    TimeProvider clock,
    ILogger<OutboxRelay<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    private const string ClaimSql =
        "SELECT * FROM " + OutboxModel.TableName + " WHERE sent_at IS NULL ORDER BY sequence LIMIT {0} FOR UPDATE SKIP LOCKED";

    private static readonly Counter<long> Relayed = MeshTelemetry.Meter.CreateCounter<long>(
        "datamesh.dataproducts.events.relayed", "{event}", "Outbox events offered to the Dapr sidecar, by data product and outcome.");

    private OutboxRelayOptions Relay => options.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = Relay.MinRetryDelay;
        var nextPruning = clock.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var sent = await RelayBatchAsync(stoppingToken);
                    retryDelay = Relay.MinRetryDelay;
                    if (clock.GetUtcNow() >= nextPruning)
                    {
                        await PruneAsync(stoppingToken);
                        nextPruning = clock.GetUtcNow() + Relay.PruneInterval;
                    }

                    // A full batch means more rows are probably waiting; anything less, the outbox is drained
                    // or another replica holds the rest.
                    if (sent < Relay.BatchSize)
                    {
                        await Task.Delay(Relay.PollInterval, clock, stoppingToken);
                    }
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(exception, "Relaying the outbox failed; retrying in {RetryDelay}.", retryDelay);
                    await Task.Delay(retryDelay, clock, stoppingToken);
                    retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, Relay.MaxRetryDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: an unfinished batch rolled back and will be sent by the next relay to run.
        }
    }

    /// <summary>Claims, sends and marks one batch; returns how many rows were sent.</summary>
    private async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();

        // A retrying execution strategy (Aspire's default) only allows transactions inside it.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var outbox = db.Set<OutboxEvent>();
            var claimed = await outbox.FromSqlRaw(ClaimSql, Relay.BatchSize).AsNoTracking().ToListAsync(ct);
            if (claimed.Count == 0)
            {
                return 0;
            }

            var sent = new List<Guid>();
            ExceptionDispatchInfo? failure = null;
            foreach (var outboxEvent in await InOrderAsync(db, claimed, ct))
            {
                try
                {
                    await PublishAsync(outboxEvent, ct);
                    sent.Add(outboxEvent.Id);
                    Relayed.Add(1, Tags(outboxEvent, "sent"));
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Later rows may share its partition key: sending them now would overtake it.
                    Relayed.Add(1, Tags(outboxEvent, "failed"));
                    failure = ExceptionDispatchInfo.Capture(exception);
                    break;
                }
            }

            if (sent.Count > 0)
            {
                var now = clock.GetUtcNow();
                await outbox.Where(e => sent.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.SentAt, now), ct);
            }

            await transaction.CommitAsync(ct);
            failure?.Throw();
            return sent.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// The claimed rows that may go now. Another replica may hold an earlier row of the same partition key
    /// (skipped by SKIP LOCKED); sending ours first would reorder that key, so such keys wait for the next round.
    /// </summary>
    private static async Task<IReadOnlyList<OutboxEvent>> InOrderAsync(TDbContext db, List<OutboxEvent> claimed, CancellationToken ct)
    {
        var ids = claimed.Select(e => e.Id).ToList();
        var keys = claimed.Select(e => e.PartitionKey).Distinct().ToList();
        var firstElsewhere = await db.Set<OutboxEvent>()
            .Where(e => e.SentAt == null && keys.Contains(e.PartitionKey) && !ids.Contains(e.Id))
            .GroupBy(e => e.PartitionKey)
            .Select(g => new { Key = g.Key, First = g.Min(e => e.Sequence) })
            .ToDictionaryAsync(x => x.Key, x => x.First, ct);
        return claimed
            .Where(e => !firstElsewhere.TryGetValue(e.PartitionKey, out var first) || e.Sequence < first)
            .OrderBy(e => e.Sequence)
            .ToList();
    }

    /// <summary>
    /// Publishes the row as a complete CloudEvent (<c>application/cloudevents+json</c>), which daprd passes on
    /// with its id, type and extensions; the <c>cloudevent.*</c> metadata says the same for sidecars that
    /// build the envelope themselves.
    /// </summary>
    private async Task PublishAsync(OutboxEvent outboxEvent, CancellationToken ct)
    {
        var parent = ActivityContext.TryParse(outboxEvent.TraceParent, outboxEvent.TraceState, out var context) ? context : default;
        using var activity = MeshTelemetry.ActivitySource.StartActivity($"{outboxEvent.Topic} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", outboxEvent.Topic);
        activity?.SetTag("messaging.message.id", outboxEvent.Id.ToString());
        activity?.SetTag("data_product", outboxEvent.DataProductId);

        var traceParent = activity?.Id ?? outboxEvent.TraceParent;
        var traceState = activity?.TraceStateString ?? outboxEvent.TraceState;
        var attributes = new Dictionary<string, string>
        {
            ["id"] = outboxEvent.Id.ToString(),
            ["source"] = CloudEventAttributes.Source(outboxEvent.DataProductId),
            ["type"] = outboxEvent.EventType,
            ["subject"] = outboxEvent.PartitionKey,
            [CloudEventAttributes.DataProduct] = outboxEvent.DataProductId,
            [CloudEventAttributes.ContractId] = outboxEvent.ContractId,
            [CloudEventAttributes.ContractVersion] = outboxEvent.ContractVersion,
        };
        if (traceParent is not null)
        {
            attributes[CloudEventAttributes.TraceParent] = traceParent;
        }

        if (!string.IsNullOrEmpty(traceState))
        {
            attributes[CloudEventAttributes.TraceState] = traceState;
        }

        var envelope = new JsonObject
        {
            ["specversion"] = "1.0",
            ["time"] = outboxEvent.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["datacontenttype"] = "application/json",
            ["data"] = JsonNode.Parse(outboxEvent.Data),
        };
        var metadata = new Dictionary<string, string> { [CloudEventAttributes.PartitionKeyMetadata] = outboxEvent.PartitionKey };
        foreach (var (name, value) in attributes)
        {
            envelope[name] = value;
            metadata[CloudEventAttributes.MetadataPrefix + name] = value;
        }

        await dapr.PublishByteEventAsync(
            options.PubSubName, outboxEvent.Topic, JsonSerializer.SerializeToUtf8Bytes(envelope), CloudEventAttributes.ContentType, metadata, ct);
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = clock.GetUtcNow() - Relay.Retention;
        var pruned = await db.Set<OutboxEvent>().Where(e => e.SentAt != null && e.SentAt < cutoff).ExecuteDeleteAsync(ct);
        if (pruned > 0)
        {
            logger.LogInformation("Pruned {Count} outbox events sent before {Cutoff}.", pruned, cutoff);
        }
    }

    private static TagList Tags(OutboxEvent outboxEvent, string outcome) => new()
    {
        { "data_product", outboxEvent.DataProductId },
        { "outcome", outcome },
    };
}
