using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// Delivers one event to the app (a subscription without bulkSubscribe) over HTTP as daprd does (the CloudEvent POSTed to the route with
/// <c>Content-Type: application/cloudevents+json</c>, <c>traceparent</c> (<see cref="DeliveryTrace"/>), <c>pubsubname</c>, and the Kafka
/// component's message metadata as headers) and reads the app's answer as daprd reads it.
/// </summary>
public sealed class EventDelivery(HttpClient appClient, ILogger<EventDelivery> logger) : IEventPostman
{
    private static readonly MediaTypeHeaderValue CloudEventMediaType = new(CloudEventEnvelope.ContentType);

    /// <param name="timeout">The resiliency policy's timeout of one attempt; daprd's app channel has none of its own.</param>
    /// <returns>The outcome, with the HTTP status of a non-2xx answer (a resiliency policy's <c>matching</c> reads it).</returns>
    public async Task<(DeliveryOutcome Outcome, int? FailedStatus)> DeliverAsync(
        Subscription subscription, string route, JsonObject cloudEvent, TopicRecord record, long offset, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route.TrimStart('/'));
        request.Content = new StringContent(cloudEvent.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = CloudEventMediaType;
        AddHeader(request, "traceparent", DeliveryTrace.Of(cloudEvent));
        AddHeader(request, "pubsubname", subscription.PubSubName);
        AddHeader(request, "__key", record.PartitionKey);
        AddHeader(request, "__topic", subscription.Topic);
        AddHeader(request, "__partition", "0");
        AddHeader(request, "__offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout is { } limit)
        {
            attempt.CancelAfter(limit);
        }

        try
        {
            using var response = await appClient.SendAsync(request, attempt.Token).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync(attempt.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                logger.LogError("non-retriable error returned from app while processing pub/sub event {Id}: route {Route} for {Topic} answered 404", Text(cloudEvent, "id"), route, subscription.Topic);
                return (DeliveryOutcome.RouteNotFound, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("retriable error returned from app while processing pub/sub event {Id}, topic: {Topic}: route {Route} answered {Status}", Text(cloudEvent, "id"), subscription.Topic, route, (int)response.StatusCode);
                return (DeliveryOutcome.Retry, (int)response.StatusCode);
            }

            return (ReadAnswer(answer, route), null);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning("Delivering event {Id} to {Route} failed ({Message}): a retriable error", Text(cloudEvent, "id"), route, exception.Message);
            return (DeliveryOutcome.Retry, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Delivering event {Id} to {Route} timed out after {Timeout} (the resiliency policy's timeout): a retriable error", Text(cloudEvent, "id"), route, timeout);
            return (DeliveryOutcome.Retry, null);
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

        // postman/http/http.go, Deliver: the status is compared as written: an empty or absent one is SUCCESS, an
        // unknown one (e.g. "retry" or "success" in lower case) is a RETRY.
        return (json is JsonObject answerObject ? Text(answerObject, "status") : null) switch
        {
            null or "" or Statuses.Success => DeliveryOutcome.Success,
            Statuses.Drop => DeliveryOutcome.Drop,
            var status => Retried(status, route),
        };
    }

    private DeliveryOutcome Retried(string status, string route)
    {
        if (status != Statuses.Retry)
        {
            logger.LogWarning("unknown status returned from app while processing pub/sub event on {Route}, status: {Status}: a retry", route, status);
        }

        return DeliveryOutcome.Retry;
    }

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
