using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;

namespace DaprSidecarStandIn;

/// <summary>
/// daprd's HTTP API on <c>--dapr-http-port</c> as far as the mesh uses it (health, metadata, publish), and
/// the Prometheus endpoint on <c>--metrics-port</c>. The rest of <c>/v1.0</c> answers 501.
/// </summary>
public static class SidecarHttpApi
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/v1.0/healthz", (SidecarReadiness readiness) =>
            readiness.IsReady
                ? Results.NoContent()
                : Results.Json(Error("ERR_HEALTH_NOT_READY", "dapr is not ready"), statusCode: StatusCodes.Status500InternalServerError));

        app.MapGet("/v1.0/healthz/outbound", (SidecarReadiness readiness) =>
            readiness.IsOutboundReady
                ? Results.NoContent()
                : Results.Json(Error("ERR_OUTBOUND_HEALTH_NOT_READY", "dapr outbound is not ready"), statusCode: StatusCodes.Status500InternalServerError));

        app.MapGet("/v1.0/metadata", (DaprdCommandLine commandLine, PubSubBroker broker, SidecarReadiness readiness, StreamingSubscriptions streams) =>
            Results.Text(Metadata(commandLine, broker, readiness, streams).ToJsonString(), "application/json"));

        app.MapPost("/v1.0/publish/{pubsub}/{**topic}", PublishAsync);

        app.MapGet("/metrics", (StandInMetrics metrics, DaprdCommandLine commandLine) =>
            Results.Text(metrics.ToPrometheusText(commandLine.AppId), "text/plain; version=0.0.4"));

        app.Map("/v1.0/{**rest}", (HttpContext context) => Results.Json(
            Error("ERR_NOT_IMPLEMENTED", $"{context.Request.Method} {context.Request.Path} is not implemented by the Dapr sidecar stand-in (pub/sub only)"),
            statusCode: StatusCodes.Status501NotImplemented));
    }

    private static async Task<IResult> PublishAsync(
        string pubsub,
        string topic,
        HttpRequest request,
        [FromServices] DaprdCommandLine commandLine,
        [FromServices] EventPublisher publisher,
        CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);

        // daprd takes publish metadata from query parameters named metadata.<key>.
        var metadata = request.Query
            .Where(pair => pair.Key.StartsWith("metadata.", StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key["metadata.".Length..], pair => pair.Value.ToString(), StringComparer.Ordinal);
        var published = new PublishedEvent(
            commandLine.AppId,
            pubsub,
            topic,
            body.ToArray(),
            request.ContentType,
            metadata,
            request.Headers["traceparent"].FirstOrDefault(),
            request.Headers["tracestate"].FirstOrDefault());
        try
        {
            await publisher.PublishAsync(published, cancellationToken).ConfigureAwait(false);
            return Results.NoContent();
        }
        catch (PublishRefusedException refused)
        {
            var status = refused.ErrorCode switch
            {
                "ERR_PUBSUB_CLOUD_EVENTS_SER" => StatusCodes.Status400BadRequest,
                "ERR_PUBSUB_PUBLISH_MESSAGE" => StatusCodes.Status500InternalServerError,
                EventPublisher.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status404NotFound,
            };
            return Results.Json(Error(refused.ErrorCode, refused.Message), statusCode: status);
        }
    }

    private static JsonObject Metadata(DaprdCommandLine commandLine, PubSubBroker broker, SidecarReadiness readiness, StreamingSubscriptions streams)
    {
        var components = new JsonArray();
        foreach (var component in broker.Components.Values)
        {
            components.Add(new JsonObject { ["name"] = component.Name, ["type"] = component.Type, ["version"] = component.Version, ["capabilities"] = new JsonArray() });
        }

        var subscriptions = new JsonArray();
        // pkg/runtime/compstore/subscriptions.go, ListTypedSubscriptions: the app's, then the open streams'.
        foreach (var (subscription, type) in readiness.Subscriptions.Select(item => (item, "PROGRAMMATIC")).Concat(streams.Open.Select(item => (item, "STREAMING"))))
        {
            var rules = new JsonArray();
            foreach (var rule in subscription.Rules)
            {
                rules.Add(new JsonObject { ["match"] = rule.Match, ["path"] = rule.Path });
            }

            // daprd lists the default route as a last rule with an empty match.
            if (subscription.DefaultRoute is not null)
            {
                rules.Add(new JsonObject { ["match"] = string.Empty, ["path"] = subscription.DefaultRoute });
            }

            var metadata = new JsonObject();
            foreach (var (key, value) in subscription.Metadata)
            {
                metadata[key] = value;
            }

            subscriptions.Add(new JsonObject
            {
                ["pubsubname"] = subscription.PubSubName,
                ["topic"] = subscription.Topic,
                ["metadata"] = metadata,
                ["rules"] = rules,
                ["deadLetterTopic"] = subscription.DeadLetterTopic ?? string.Empty,
                ["type"] = type,
            });
        }

        var metadataDocument = new JsonObject
        {
            ["id"] = commandLine.AppId,
            ["runtimeVersion"] = "standin",
            ["enabledFeatures"] = new JsonArray(),
            ["components"] = components,
            ["subscriptions"] = subscriptions,
            ["extended"] = new JsonObject { ["daprRuntimeVersion"] = "standin" },
        };
        if (commandLine.AppPort is { } appPort)
        {
            metadataDocument["appConnectionProperties"] = new JsonObject
            {
                ["port"] = appPort,
                ["protocol"] = commandLine.AppProtocol,
                ["channelAddress"] = commandLine.AppChannelAddress,
            };
        }

        return metadataDocument;
    }

    private static JsonObject Error(string code, string message) => new() { ["errorCode"] = code, ["message"] = message };
}
