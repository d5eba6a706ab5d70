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

    public void Published(int count) => Interlocked.Add(ref published, count);

    public void Delivered() => Interlocked.Increment(ref delivered);

    public void Retried() => Interlocked.Increment(ref retried);

    public void Dropped() => Interlocked.Increment(ref dropped);

    public void DeadLettered() => Interlocked.Increment(ref deadLettered);

    public string ToPrometheusText(string appId)
    {
        var text = new StringBuilder();
        Counter(text, appId, "dapr_standin_pubsub_published_total", "Events appended to topic logs by this sidecar.", Interlocked.Read(ref published));
        Counter(text, appId, "dapr_standin_pubsub_delivered_total", "Events the app acknowledged.", Interlocked.Read(ref delivered));
        Counter(text, appId, "dapr_standin_pubsub_retried_total", "Deliveries that will be attempted again.", Interlocked.Read(ref retried));
        Counter(text, appId, "dapr_standin_pubsub_dropped_total", "Events the app dropped or that had no route.", Interlocked.Read(ref dropped));
        Counter(text, appId, "dapr_standin_pubsub_dead_lettered_total", "Dropped events sent to a dead-letter topic.", Interlocked.Read(ref deadLettered));
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string appId, string name, string help, long value)
    {
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n");
        text.Append(CultureInfo.InvariantCulture, $"# TYPE {name} counter\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}{{app_id=\"{appId}\"}} {value}\n");
    }
}
