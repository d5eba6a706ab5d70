using System.Text.Json;
using DataMesh.Catalog.Observations;

namespace DataMesh.Catalog.Api;

/// <summary>
/// The Dapr side of the catalog: <c>GET /dapr/subscribe</c> lists the topics read from the registry, and the
/// sidecar delivers each CloudEvent to the route of its topic. The answer is SUCCESS once it is recorded,
/// RETRY when it could not be (the sidecar delivers it again). Only the catalog's own sidecar may call them (its app API token).
/// </summary>
public static class ObservationEndpoints
{
    public const string PubSubName = "pubsub";

    public static WebApplication MapObservations(this WebApplication app)
    {
        app.MapGet("/dapr/subscribe", async (ObservedTopics topics, CancellationToken ct) =>
            Results.Json((await topics.ListAsync(ct)).Select(t => new { pubsubname = PubSubName, topic = t.Topic, route = t.Route })))
            .ExcludeFromDescription().RequireDaprAppToken();
        app.MapPost("/api/catalog/v1/observations/events/{dataProductId}", (string dataProductId, HttpRequest request, EventObservations observations, ILogger<EventObservations> logger, CancellationToken ct) =>
            Deliver(request, logger, ct, cloudEvent => observations.ObserveEventAsync(dataProductId, cloudEvent, ct)))
            .ExcludeFromDescription().RequireDaprAppToken();
        app.MapPost("/api/catalog/v1/observations/dead-letters/{dataProductId}/{consumerId}", (string dataProductId, string consumerId, HttpRequest request, EventObservations observations, ILogger<EventObservations> logger, CancellationToken ct) =>
            Deliver(request, logger, ct, cloudEvent => observations.ObserveDeadLetterAsync(
                dataProductId, consumerId, cloudEvent.TryGetProperty("topic", out var topic) ? topic.GetString() ?? "" : "", cloudEvent, ct)))
            .ExcludeFromDescription().RequireDaprAppToken();
        return app;
    }

    private static async Task<IResult> Deliver(HttpRequest request, ILogger logger, CancellationToken cancellationToken, Func<JsonElement, Task> observe)
    {
        JsonElement cloudEvent;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            cloudEvent = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            // Not a CloudEvent: delivering it again cannot help.
            logger.LogWarning(exception, "Dropped a delivery that is not JSON.");
            return Results.Json(new { status = "DROP" });
        }

        try
        {
            await observe(cloudEvent);
            return Results.Json(new { status = "SUCCESS" });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not record an observed event; asking the sidecar to retry.");
            return Results.Json(new { status = "RETRY" });
        }
    }
}
