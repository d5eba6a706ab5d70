using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// Delivers one event to the app (a subscription without bulkSubscribe) over HTTP as daprd does (the CloudEvent POSTed to the route with
/// <c>Content-Type: application/cloudevents+json</c>, trace headers, <c>pubsubname</c>, and the Kafka
/// component's message metadata as headers) and reads the app's answer as daprd reads it.
/// </summary>
public sealed class EventDelivery(HttpClient appClient, ILogger<EventDelivery> logger)
{
    private static readonly MediaTypeHeaderValue CloudEventMediaType = new(CloudEventEnvelope.ContentType);

    public async Task<DeliveryOutcome> DeliverAsync(Subscription subscription, string route, JsonObject cloudEvent, TopicRecord record, long offset, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route.TrimStart('/'));
        request.Content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = CloudEventMediaType;
        AddHeader(request, "traceparent", Text(cloudEvent, "traceparent"));
        AddHeader(request, "tracestate", Text(cloudEvent, "tracestate"));
        AddHeader(request, "pubsubname", subscription.PubSubName);
        AddHeader(request, "__key", record.PartitionKey);
        AddHeader(request, "__topic", subscription.Topic);
        AddHeader(request, "__partition", "0");
        AddHeader(request, "__offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));

        try
        {
            using var response = await appClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                logger.LogError("Route {Route} for {Topic} answered 404: dropping event {Id}", route, subscription.Topic, Text(cloudEvent, "id"));
                return DeliveryOutcome.RouteNotFound;
            }

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Route {Route} for {Topic} answered {Status}: event {Id} will be retried", route, subscription.Topic, (int)response.StatusCode, Text(cloudEvent, "id"));
                return DeliveryOutcome.Retry;
            }

            return ReadAnswer(answer, route);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning("Delivering event {Id} to {Route} failed ({Message}): will be retried", Text(cloudEvent, "id"), route, exception.Message);
            return DeliveryOutcome.Retry;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Delivering event {Id} to {Route} timed out: will be retried", Text(cloudEvent, "id"), route);
            return DeliveryOutcome.Retry;
        }
    }

    private DeliveryOutcome ReadAnswer(string answer, string route)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return DeliveryOutcome.Success;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(answer);
        }
        catch (JsonException)
        {
            // daprd skips the status check when the body is not JSON: a 2xx is an acknowledgement.
            logger.LogDebug("Route {Route} answered 2xx with a non-JSON body: acknowledged", route);
            return DeliveryOutcome.Success;
        }

        return Status(json is JsonObject answerObject ? Text(answerObject, "status") : null);
    }

    internal static DeliveryOutcome Status(string? status) => status?.ToUpperInvariant() switch
    {
        null or "" or "SUCCESS" => DeliveryOutcome.Success,
        "DROP" => DeliveryOutcome.Drop,
        _ => DeliveryOutcome.Retry,
    };

    internal static void AddHeader(HttpRequestMessage request, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    internal static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
