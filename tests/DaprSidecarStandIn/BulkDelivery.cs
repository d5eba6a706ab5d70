using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// Delivers several events to the app in one request, as daprd does for a subscription with
/// <c>bulkSubscribe</c>: a JSON bulk message (<c>id</c>, <c>entries</c> of <c>entryId</c>, <c>event</c>,
/// <c>contentType</c> and <c>metadata</c>, then <c>topic</c>, <c>pubsubname</c>, <c>type</c>) POSTed to the route,
/// answered with a status per entry.
/// </summary>
public sealed class BulkDelivery(HttpClient appClient, ILogger<BulkDelivery> logger)
{
    /// <returns>
    /// The outcome of each entry by entry id, as dapr/dapr <c>pkg/runtime/subscription/postman/http/http.go</c>
    /// (<c>DeliverBulk</c>) reads the answer: SUCCESS and DROP as written; an empty status, an unknown one (lower case
    /// included) and an entry the answer leaves out are a RETRY; a non-2xx answer, a body that is not the statuses, a
    /// timeout or no connection make every entry a RETRY; a 404 acknowledges them all (<see cref="DeliveryOutcome.RouteNotFound"/>).
    /// </returns>
    /// <param name="timeout">The resiliency policy's timeout of one attempt; daprd's app channel has none of its own.</param>
    public async Task<IReadOnlyDictionary<string, DeliveryOutcome>> DeliverAsync(
        Subscription subscription, string route, IReadOnlyList<BulkEntry> entries, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, route.TrimStart('/'));
        request.Content = new StringContent(Body(subscription, entries), Encoding.UTF8, "application/json");
        EventDelivery.AddHeader(request, "traceparent", DeliveryTrace.Of(entries.Select(entry => entry.CloudEvent)));
        EventDelivery.AddHeader(request, "pubsubname", subscription.PubSubName);
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
                logger.LogError("Non-retriable error returned from app while processing bulk pub/sub event: route {Route} for {Topic} answered 404; {Count} entries acknowledged", route, subscription.Topic, entries.Count);
                return All(entries, DeliveryOutcome.RouteNotFound);
            }

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Route {Route} for {Topic} answered {Status} to a bulk of {Count}: all will be retried", route, subscription.Topic, (int)response.StatusCode, entries.Count);
                return All(entries, DeliveryOutcome.Retry);
            }

            return Read(answer, entries, route);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning("Delivering a bulk of {Count} to {Route} failed ({Message}): will be retried", entries.Count, route, exception.Message);
            return All(entries, DeliveryOutcome.Retry);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Delivering a bulk of {Count} to {Route} timed out after {Timeout} (the resiliency policy's timeout): will be retried", entries.Count, route, timeout);
            return All(entries, DeliveryOutcome.Retry);
        }
    }

    private Dictionary<string, DeliveryOutcome> Read(string answer, IReadOnlyList<BulkEntry> entries, string route)
    {
        var outcomes = All(entries, DeliveryOutcome.Retry);
        JsonArray? statuses = null;
        try
        {
            statuses = (JsonNode.Parse(answer) as JsonObject)?["statuses"] as JsonArray;
        }
        catch (JsonException)
        {
            // Not JSON: no entry has a status.
        }

        if (statuses is null)
        {
            logger.LogWarning("Route {Route} answered a bulk without statuses: all {Count} entries will be retried", route, entries.Count);
            return outcomes;
        }

        foreach (var status in statuses.OfType<JsonObject>())
        {
            if (EventDelivery.Text(status, "entryId") is { } entryId && outcomes.ContainsKey(entryId))
            {
                outcomes[entryId] = EventDelivery.Text(status, "status") switch
                {
                    Statuses.Success => DeliveryOutcome.Success,
                    Statuses.Drop => DeliveryOutcome.Drop,
                    Statuses.Retry => DeliveryOutcome.Retry,
                    var other => UnknownStatus(entryId, other),
                };
            }
        }

        return outcomes;
    }

    private DeliveryOutcome UnknownStatus(string entryId, string? status)
    {
        logger.LogWarning("Status '{Status}' returned for bulk entry {EntryId}: a RETRY (daprd reads an empty or unknown status so)", status, entryId);
        return DeliveryOutcome.Retry;
    }

    private static Dictionary<string, DeliveryOutcome> All(IReadOnlyList<BulkEntry> entries, DeliveryOutcome outcome) =>
        entries.ToDictionary(e => e.EntryId, _ => outcome, StringComparer.Ordinal);

    /// <summary>Each entry carries the Kafka component's message metadata, as daprd passes it per bulk entry.</summary>
    private static string Body(Subscription subscription, IReadOnlyList<BulkEntry> entries)
    {
        var items = new JsonArray();
        foreach (var entry in entries)
        {
            items.Add(new JsonObject
            {
                ["entryId"] = entry.EntryId,
                ["event"] = entry.CloudEvent.DeepClone(),
                ["contentType"] = CloudEventEnvelope.ContentType,
                ["metadata"] = new JsonObject
                {
                    ["__key"] = entry.Record.PartitionKey,
                    ["__topic"] = subscription.Topic,
                    ["__partition"] = "0",
                    ["__offset"] = entry.Offset.ToString(CultureInfo.InvariantCulture),
                },
            });
        }

        return new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(),
            ["entries"] = items,
            ["metadata"] = new JsonObject(),
            ["topic"] = subscription.Topic,
            ["pubsubname"] = subscription.PubSubName,
            ["type"] = CloudEventEnvelope.DefaultType,
        }.ToJsonString();
    }
}
