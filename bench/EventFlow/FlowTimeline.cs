using Microsoft.Extensions.Hosting;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using DataMesh.Testing.EventFlow;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DataMesh.Bench.EventFlow;

/// <summary>The points of an event's way through the pipeline, in <see cref="Stopwatch"/> ticks of this process.</summary>
internal enum Stage
{
    /// <summary>The producer's SaveChanges committed (stamped by <see cref="OutboxCommitStamp"/>).</summary>
    Committed,

    /// <summary>The relay began publishing the event to its sidecar (the relay's publish activity started).</summary>
    RelayPublishing,

    /// <summary>The producer's sidecar accepted the event (the publish activity stopped).</summary>
    RelayPublished,

    /// <summary>The consumer's input port began applying the delivered event or its bulk (the process activity started).</summary>
    Applying,

    /// <summary>The consumer's transaction holding the inbox entry committed.</summary>
    InboxCommitted,
}

/// <summary>
/// Records when each event passed each <see cref="Stage"/>. Both services run in this process, so every stamp
/// comes from one monotonic clock: no clock skew between producer and consumer to correct for. The relay and
/// the input port are observed through the library's own activities and the consumer's DbContext, not changed.
/// </summary>
internal sealed class FlowTimeline : IDisposable
{
    private const string StartedAt = "bench.started";

    // The relay's publish span of each event, whose context the event carries: a bulk's processing span links to them.
    private readonly ConcurrentDictionary<ActivitySpanId, Guid> publishedSpans = new();
    private readonly ConcurrentDictionary<Guid, long>[] stamps = Enum.GetValues<Stage>().Select(_ => new ConcurrentDictionary<Guid, long>()).ToArray();
    private readonly ActivityListener listener;

    public FlowTimeline()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MeshTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,

            // The message id tag is set after the activity starts, so the start is kept on the activity itself.
            ActivityStarted = activity => activity.SetCustomProperty(StartedAt, Stopwatch.GetTimestamp()),
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public int Count(Stage stage) => stamps[(int)stage].Count;

    public void Stamp(Stage stage, Guid eventId, long timestamp) => stamps[(int)stage][eventId] = timestamp;

    public bool TryGet(Stage stage, Guid eventId, out long timestamp) => stamps[(int)stage].TryGetValue(eventId, out timestamp);

    /// <summary>Every stamp of one stage, in time order: how fast events went past that point.</summary>
    public long[] Times(Stage stage)
    {
        var times = stamps[(int)stage].Values.ToArray();
        Array.Sort(times);
        return times;
    }

    /// <summary>Milliseconds from one stage to a later one, for every event that passed both.</summary>
    public double[] Milliseconds(Stage from, Stage to)
    {
        var spans = new List<double>(stamps[(int)from].Count);
        foreach (var (id, start) in stamps[(int)from])
        {
            if (stamps[(int)to].TryGetValue(id, out var end))
            {
                spans.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            }
        }

        return spans.ToArray();
    }

    /// <summary>Forgets the previous run, whose events have all been consumed when a new one starts.</summary>
    public void Clear()
    {
        foreach (var stage in stamps)
        {
            stage.Clear();
        }

        publishedSpans.Clear();
    }

    public void Dispose() => listener.Dispose();

    private void Stopped(Activity activity)
    {
        if (activity.GetCustomProperty(StartedAt) is not long started)
        {
            return;
        }

        var eventId = activity.GetTagItem("messaging.message.id") is string id && Guid.TryParse(id, out var parsed) ? parsed : (Guid?)null;
        switch (activity.Kind)
        {
            case ActivityKind.Producer when eventId is { } published:
                publishedSpans[activity.SpanId] = published;
                Stamp(Stage.RelayPublishing, published, started);
                Stamp(Stage.RelayPublished, published, Stopwatch.GetTimestamp());
                break;
            case ActivityKind.Consumer when eventId is { } applied:
                Stamp(Stage.Applying, applied, started);
                break;
            case ActivityKind.Consumer:
                // A bulk: one processing span linked to each event's publish span.
                foreach (var link in activity.Links)
                {
                    if (publishedSpans.TryGetValue(link.Context.SpanId, out var linked))
                    {
                        Stamp(Stage.Applying, linked, started);
                    }
                }

                break;
        }
    }
}

/// <summary>
/// Stamps <see cref="Stage.InboxCommitted"/> for the events of a consumer transaction right after its commit
/// returned, found by the payroll entries the handler wrote in it (the inbox records its ids with SQL, untracked):
/// the same point as the producer's stamp (its SaveChanges returned after the commit), so the latency covers
/// exactly commit to commit. A <c>clock_timestamp()</c> column default would be taken at the
/// INSERT, before the commit's WAL flush, and would need a second clock (the server's) to compare.
/// </summary>
internal sealed class InboxCommitStamp(FlowTimeline timeline) : DbTransactionInterceptor
{
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var committed = Stopwatch.GetTimestamp();
        if (eventData.Context is { } db)
        {
            foreach (var entry in db.ChangeTracker.Entries<PayrollEntry>())
            {
                if (Guid.TryParse(entry.Entity.EventId, out var eventId))
                {
                    timeline.Stamp(Stage.InboxCommitted, eventId, committed);
                }
            }
        }

        return Task.CompletedTask;
    }
}
