using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>Listens to the mesh meter's data product counters, summed by instrument and outcome.</summary>
public sealed class DeliveryMetrics : IDisposable
{
    public const string Relayed = "datamesh.dataproducts.events.relayed";

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Outcome), long> counts = new();

    public DeliveryMetrics()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "DataMesh" && instrument.Name is ConsumerMetrics.DeliveriesName or Relayed or OutboxRelay<DbContext>.ParkedMetricName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var outcome = string.Empty;
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcome = tag.Value as string ?? string.Empty;
                }
            }

            counts.AddOrUpdate((instrument.Name, outcome), value, (_, sum) => sum + value);
        });
        listener.Start();
    }

    public long Consumed(DeliveryOutcome outcome) => counts.GetValueOrDefault((ConsumerMetrics.DeliveriesName, ConsumerMetrics.OutcomeTag(outcome)));

    public long RelayFailures => counts.GetValueOrDefault((Relayed, "failed"));

    /// <summary>Outbox events parked (the counter has no outcome tag).</summary>
    public long Parked => counts.GetValueOrDefault((OutboxRelay<DbContext>.ParkedMetricName, string.Empty));

    public string Summary => string.Join(", ", counts.Select(c => $"{c.Key.Instrument}/{c.Key.Outcome}={c.Value}"));

    public void Dispose() => listener.Dispose();
}
