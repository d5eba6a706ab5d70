using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
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
/// id, which consumers' inboxes recognise). It wakes when this process commits outbox rows
/// (<see cref="OutboxSignal"/>) and polls for the rest.
/// </summary>
/// <remarks>
/// <para>
/// A claimed batch goes out in rounds of one bulk publish each (<see cref="OutboxRelayOptions.BulkPublish"/>).
/// A round holds at most one event per partition key and the next round starts only once the sidecar answered,
/// so an event is never sent before an earlier one of its key was accepted: neither bulk publishing's lack of an
/// order within a request nor an entry refused in the middle can reorder a key. A row the sidecar refuses stays
/// unsent with the later rows of its key, while other keys go on; when the sidecar cannot be used at all (down,
/// or refusing the topic) the batch stops. Either way the relay then backs off and tries the unsent rows again, first.
/// </para>
/// <para>
/// daprd with Kafka answers a bulk publish in which the broker refused any entry with one error for the whole call
/// (Internal), naming no entry, after writing the others. The relay then publishes that round's rows one by one, which
/// sends the others and names the refusing row. Rows the failed bulk call did write are sent a second time: the same
/// CloudEvent id, which consumers' inboxes recognise, so nothing is applied twice.
/// </para>
/// <para>
/// <b>Poison rows.</b> A row the broker will never take (over its size limit) would be offered forever and hold back
/// its key. So the relay counts, per row, the refusals that are the row's own, and parks the row at
/// <see cref="OutboxRelayOptions.MaxAttempts"/>: it keeps it (<c>parked_at</c>, <c>last_error</c>) but no longer
/// offers it, and its key's later rows go on. A refusal counts against a row when the sidecar refused that row
/// (a failed bulk entry, or its own publish) and either
/// (a) the refusal is the producer's for the message itself (Kafka's "too large", which does not depend on the broker
/// being up), or (b) it is ambiguous (daprd's Internal, InvalidArgument...) and the sidecar accepted another row in the
/// same batch, which shows the sidecar and broker are working. It never counts when the sidecar was unreachable or timed
/// out, or refused the topic or the caller (scopes, token, unknown pub/sub: every row would be refused alike), nor when
/// the whole batch was refused with ambiguous errors: a broker that is down makes daprd answer Internal for every row,
/// and no row should pay for that. A parked row is logged (ids and the sidecar's words, never the data), counted on
/// <c>datamesh.dataproducts.events.parked</c> and reported to the catalog (<see cref="ParkedEventsReport{TDbContext}"/>);
/// to offer it again, clear its <c>parked_at</c> and <c>attempts</c>.
/// </para>
/// </remarks>
public sealed class OutboxRelay<TDbContext>(
    IServiceScopeFactory scopes,
    SidecarPublisher sidecar,
    OutboxSignal signal,
    DataProductsOptions options,
    TimeProvider clock,
    ILogger<OutboxRelay<TDbContext>> logger,
    ParkedEventsReport<TDbContext>? report = null) : BackgroundService
    where TDbContext : DbContext
{
    private const string ClaimSql =
        "SELECT * FROM " + OutboxModel.TableName + " WHERE " + OutboxModel.UnsentFilter + " ORDER BY sequence LIMIT {0} FOR UPDATE SKIP LOCKED";

    private static readonly Counter<long> Relayed = MeshTelemetry.Meter.CreateCounter<long>(
        "datamesh.dataproducts.events.relayed", "{event}", "Outbox events offered to the Dapr sidecar, by data product and outcome.");

    private static readonly Counter<long> Parked = MeshTelemetry.Meter.CreateCounter<long>(
        ParkedMetricName, "{event}", "Outbox events the relay gave up offering after repeated refusals, by data product.");

    /// <summary>The name of the counter of parked outbox events.</summary>
    public const string ParkedMetricName = "datamesh.dataproducts.events.parked";

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
                    // or another replica holds the rest, until the next commit or poll.
                    if (sent < Relay.BatchSize)
                    {
                        await signal.WaitAsync(Relay.PollInterval, clock, stoppingToken);
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

            // Marking rows sent need not wait for its WAL flush: a mark lost in a crash only means the rows are sent
            // again, which the relay must survive anyway (a relay killed between sending and marking), and consumers'
            // inboxes recognise. It saves one flush per batch for the domain's commits to share the disk with.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off", ct);

            // Lists go to PostgreSQL as one array parameter each (EF.Parameter): one statement and plan whatever their length.
            var sent = new List<Guid>();
            var refusals = new List<(OutboxEvent Row, PublishRefusal Refusal)>();
            var heldKeys = new HashSet<string>(StringComparer.Ordinal);
            Exception? failure = null;
            foreach (var round in Rounds(await InOrderAsync(db, claimed, ct), heldKeys))
            {
                var outcome = await PublishRoundAsync(round, ct);
                sent.AddRange(outcome.Accepted);
                refusals.AddRange(outcome.Refused);

                // A refused row's key waits; the other keys go on, unless the sidecar cannot be used at all.
                heldKeys.UnionWith(outcome.Refused.Select(r => r.Row.PartitionKey));
                failure ??= outcome.Failure;
                if (outcome.SidecarUnusable)
                {
                    break;
                }
            }

            var now = clock.GetUtcNow();
            if (sent.Count > 0)
            {
                await outbox.Where(e => EF.Parameter(sent).Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.SentAt, now), ct);
            }

            var parked = await CountRefusalsAsync(outbox, refusals, sent.Count > 0, now, ct);
            await transaction.CommitAsync(ct);
            foreach (var (row, refusal, attempts) in parked)
            {
                Parked.Add(1, new TagList { { "data_product", row.DataProductId } });
                logger.LogWarning(
                    "Parked outbox event {EventId} of {DataProduct} ({OutputPort}, {EventType} on {Topic}) after {Attempts} refusals; it is no longer offered. Last refusal: {Reason}",
                    row.Id, row.DataProductId, row.OutputPort, row.EventType, row.Topic, attempts, refusal.Reason);
            }

            if (parked.Count > 0)
            {
                report?.Wake();
            }

            if (failure is not null)
            {
                ExceptionDispatchInfo.Throw(failure);
            }

            return sent.Count;
        }, cancellationToken);
    }

    /// <summary>
    /// Counts the refusals that are the rows' own (see the remarks), parking a row at its last allowed attempt.
    /// </summary>
    /// <param name="othersAccepted">Whether the sidecar accepted any row of this batch: the broker is working.</param>
    /// <returns>The rows parked now, with their last refusal and attempt count.</returns>
    private async Task<List<(OutboxEvent Row, PublishRefusal Refusal, int Attempts)>> CountRefusalsAsync(
        DbSet<OutboxEvent> outbox, List<(OutboxEvent Row, PublishRefusal Refusal)> refusals, bool othersAccepted, DateTimeOffset now, CancellationToken ct)
    {
        var parked = new List<(OutboxEvent, PublishRefusal, int)>();
        foreach (var (row, refusal) in refusals)
        {
            if (refusal.Scope is not (RefusalScope.Row or RefusalScope.Ambiguous) || (refusal.Scope == RefusalScope.Ambiguous && !othersAccepted))
            {
                continue;
            }

            var attempts = row.Attempts + 1;
            DateTimeOffset? parkedAt = attempts >= Relay.MaxAttempts ? now : null;
            await outbox.Where(e => e.Id == row.Id).ExecuteUpdateAsync(
                s => s.SetProperty(e => e.Attempts, attempts).SetProperty(e => e.LastError, refusal.Reason).SetProperty(e => e.ParkedAt, parkedAt), ct);
            if (parkedAt is not null)
            {
                parked.Add((row, refusal, attempts));
            }
        }

        return parked;
    }

    /// <summary>
    /// Splits the rows (in sending order) into rounds of one topic each, with at most one row per partition key
    /// and at most one row at all when bulk publishing is off. Rows of a key in <paramref name="heldKeys"/> are
    /// left out, including keys refused in an earlier round of this batch (the rounds are made as they are sent).
    /// </summary>
    private IEnumerable<IReadOnlyList<OutboxEvent>> Rounds(IReadOnlyList<OutboxEvent> rows, HashSet<string> heldKeys)
    {
        var round = new List<OutboxEvent>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (heldKeys.Contains(row.PartitionKey))
            {
                continue;
            }

            if (round.Count > 0 && (!Relay.BulkPublish || row.Topic != round[0].Topic || keys.Contains(row.PartitionKey)))
            {
                yield return round;
                round = [];
                keys.Clear();
                if (heldKeys.Contains(row.PartitionKey))
                {
                    continue;
                }
            }

            keys.Add(row.PartitionKey);
            round.Add(row);
        }

        if (round.Count > 0)
        {
            yield return round;
        }
    }

    /// <summary>What became of one round: the rows the sidecar accepted and those it refused.</summary>
    /// <param name="SidecarUnusable">The sidecar was unreachable or refused the topic or caller: the batch stops.</param>
    private sealed record RoundOutcome(
        IReadOnlyList<Guid> Accepted, IReadOnlyList<(OutboxEvent Row, PublishRefusal Refusal)> Refused, Exception? Failure, bool SidecarUnusable);

    /// <summary>Publishes one round, each event in its own publish activity (which continues the event's trace).</summary>
    private async Task<RoundOutcome> PublishRoundAsync(IReadOnlyList<OutboxEvent> round, CancellationToken ct)
    {
        var outer = Activity.Current;
        var activities = round.Select(StartPublishing).ToList();
        Activity.Current = outer;
        var cloudEvents = round.Select((row, i) => OutboxCloudEvent.For(row, activities[i])).ToList();
        var refused = new Dictionary<Guid, PublishRefusal>();
        Exception? failure = null;
        var unusable = false;
        try
        {
            if (Relay.BulkPublish)
            {
                var failedEntries = await sidecar.PublishBulkAsync(round[0].Topic, cloudEvents, ct);
                foreach (var (id, error) in failedEntries)
                {
                    refused[id] = PublishRefusal.From(null, error);
                }

                if (failedEntries.Count > 0)
                {
                    failure = new BulkPublishRefusedException(round[0].Topic, failedEntries);
                }
            }
            else
            {
                await sidecar.PublishAsync(cloudEvents[0], ct);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            failure = exception;
            var whole = PublishRefusal.From(exception);
            unusable = whole.Scope is RefusalScope.Unreachable or RefusalScope.Configuration;
            if (unusable || !Relay.BulkPublish)
            {
                foreach (var row in round)
                {
                    refused[row.Id] = whole;
                }
            }
            else
            {
                // A whole-call error that may be one entry's (daprd with Kafka names none): one by one, so the others go
                // and the refusing row is known with the broker's own words (a round of one too: the bulk error only says
                // that it failed). Rows the bulk call wrote go twice, with the same id, which inboxes recognise.
                unusable = await PublishOneByOneAsync(cloudEvents, refused, ct);
            }
        }

        var accepted = new List<Guid>(round.Count);
        for (var i = 0; i < round.Count; i++)
        {
            if (refused.TryGetValue(round[i].Id, out var refusal))
            {
                Relayed.Add(1, Tags(round[i], "failed"));
                activities[i]?.SetStatus(ActivityStatusCode.Error, refusal.Reason);
            }
            else
            {
                Relayed.Add(1, Tags(round[i], "sent"));
                accepted.Add(round[i].Id);
            }

            activities[i]?.Stop();
        }

        Activity.Current = outer;
        return new RoundOutcome(accepted, round.Where(r => refused.ContainsKey(r.Id)).Select(r => (r, refused[r.Id])).ToList(), failure, unusable);
    }

    /// <summary>Publishes each event on its own, recording refusals; stops at a refusal that would be every row's.</summary>
    /// <returns>Whether the sidecar turned out unusable; events after that point are marked refused with it.</returns>
    private async Task<bool> PublishOneByOneAsync(IReadOnlyList<OutboxCloudEvent> cloudEvents, Dictionary<Guid, PublishRefusal> refused, CancellationToken ct)
    {
        for (var i = 0; i < cloudEvents.Count; i++)
        {
            try
            {
                await sidecar.PublishAsync(cloudEvents[i], ct);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var refusal = PublishRefusal.From(exception);
                refused[cloudEvents[i].Row.Id] = refusal;
                if (refusal.Scope is RefusalScope.Unreachable or RefusalScope.Configuration)
                {
                    foreach (var rest in cloudEvents.Skip(i + 1))
                    {
                        refused[rest.Row.Id] = refusal;
                    }

                    return true;
                }
            }
        }

        return false;
    }

    private static Activity? StartPublishing(OutboxEvent row)
    {
        var parent = ActivityContext.TryParse(row.TraceParent, row.TraceState, out var context) ? context : default;
        var activity = MeshTelemetry.ActivitySource.StartActivity($"{row.Topic} publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", row.Topic);
        activity?.SetTag("messaging.message.id", row.Id.ToString());
        activity?.SetTag("data_product", row.DataProductId);
        return activity;
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
            .Where(e => e.SentAt == null && e.ParkedAt == null && EF.Parameter(keys).Contains(e.PartitionKey) && !EF.Parameter(ids).Contains(e.Id))
            .GroupBy(e => e.PartitionKey)
            .Select(g => new { Key = g.Key, First = g.Min(e => e.Sequence) })
            .ToDictionaryAsync(x => x.Key, x => x.First, ct);
        return claimed
            .Where(e => !firstElsewhere.TryGetValue(e.PartitionKey, out var first) || e.Sequence < first)
            .OrderBy(e => e.Sequence)
            .ToList();
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
