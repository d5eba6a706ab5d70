using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// Counts every delivery to an input port by outcome, on the mesh's exported meter, so that drops and retries
/// show on dashboards next to the consuming data product.
/// </summary>
public static class ConsumerMetrics
{
    public const string DeliveriesName = "datamesh.dataproducts.events.consumed";

    private static readonly Counter<long> Deliveries = MeshTelemetry.Meter.CreateCounter<long>(
        DeliveriesName, "{event}", "Events delivered to data product input ports, by outcome.");

    internal static void Count(InputPortSubscription subscription, DeliveryOutcome outcome) => Deliveries.Add(1, new TagList
    {
        { "data_product", subscription.Consumer.Id },
        { "input_port", subscription.Port.Name },
        { "upstream_data_product", subscription.Port.DataProductId },
        { "outcome", OutcomeTag(outcome) },
    });

    /// <summary>The <c>outcome</c> tag value of an outcome, e.g. <c>applied</c>.</summary>
    public static string OutcomeTag(DeliveryOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
