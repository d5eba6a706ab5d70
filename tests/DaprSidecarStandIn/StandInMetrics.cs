using System.Globalization;
using System.Text;

namespace DaprSidecarStandIn;

/// <summary>Pub/sub counters, served on the metrics port in Prometheus' text format.</summary>
public sealed class StandInMetrics
{
    private long published;
    private long delivered;
    private long retried;
    private long dropped;
    private long deadLettered;
    private long abandoned;

    public void Published(int count) => Interlocked.Add(ref published, count);

    public void Delivered() => Interlocked.Increment(ref delivered);

    public void Retried() => Interlocked.Increment(ref retried);

    public void Dropped() => Interlocked.Increment(ref dropped);

    public void DeadLettered() => Interlocked.Increment(ref deadLettered);

    public void Abandoned() => Interlocked.Increment(ref abandoned);

    public string ToPrometheusText(string appId)
    {
        var text = new StringBuilder();
        Counter(text, appId, "dapr_standin_pubsub_published_total", "Events appended to topic logs by this sidecar.", Interlocked.Read(ref published));
        Counter(text, appId, "dapr_standin_pubsub_delivered_total", "Events the app acknowledged.", Interlocked.Read(ref delivered));
        Counter(text, appId, "dapr_standin_pubsub_retried_total", "Deliveries that will be attempted again.", Interlocked.Read(ref retried));
        Counter(text, appId, "dapr_standin_pubsub_dropped_total", "Events settled without being applied: dropped, unrouted, or dead-lettered.", Interlocked.Read(ref dropped));
        Counter(text, appId, "dapr_standin_pubsub_dead_lettered_total", "Events sent to a dead-letter topic.", Interlocked.Read(ref deadLettered));
        Counter(text, appId, "dapr_standin_pubsub_abandoned_total", "Events the component gave up on (retries spent or disabled, no dead-letter topic): lost.", Interlocked.Read(ref abandoned));
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string appId, string name, string help, long value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n");
        text.Append(CultureInfo.InvariantCulture, $"# TYPE {name} counter\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}{{app_id=\"{appId}\"}} {value}\n");
    }
}
