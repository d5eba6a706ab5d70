using System.Diagnostics;
using System.Text.Json;
using DataMesh.DataProducts.Publishing;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// Takes what the sidecar delivers to an input port's route, one CloudEvent or a bulk message of many: checks each
/// event against the consumer's contract version, applies the valid ones once through the inbox
/// (<see cref="InboxWriter{TDbContext}"/>), and answers Dapr with SUCCESS, RETRY or DROP per event.
/// </summary>
public sealed class InboxDelivery<TDbContext>(
    DataProductSubscriptions subscriptions,
    InputPortHandlers<TDbContext> handlers,
    InboxWriter<TDbContext> inbox,
    ILogger<InboxDelivery<TDbContext>> logger) : IInputPortDelivery
    where TDbContext : DbContext
{
    /// <summary>The Kafka component's metadata key of a message's key, which daprd passes with each bulk entry.</summary>
    private const string MessageKeyMetadata = "__key";

    public async Task<IResult> DeliverAsync(string dataProductId, string inputPort, HttpRequest request, CancellationToken cancellationToken)
    {
        if (subscriptions.Find(dataProductId, inputPort) is not { } subscription)
        {
            return Results.NotFound();
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "Dropped a delivery to {Route}: the body is not JSON.", subscription.Route);
            ConsumerMetrics.Count(subscription, DeliveryOutcome.Dropped);
            return Results.Json(new { status = Status(DeliveryOutcome.Dropped) });
        }

        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("entries", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            return await DeliverBulkAsync(subscription, entries, cancellationToken);
        }

        var outcome = await DeliverOneAsync(subscription, body, cancellationToken);
        ConsumerMetrics.Count(subscription, outcome);
        return Results.Json(new { status = Status(outcome) });
    }

    private async Task<DeliveryOutcome> DeliverOneAsync(InputPortSubscription subscription, JsonElement cloudEvent, CancellationToken cancellationToken)
    {
        var (settled, pending) = Accept(subscription, cloudEvent, messageKey: null);
        if (pending is null)
        {
            return settled;
        }

        using var activity = MeshTelemetry.ActivitySource.StartActivity($"{subscription.Topic} process", ActivityKind.Consumer);
        Describe(activity, subscription);
        activity?.SetTag("messaging.message.id", pending.Event.Id);
        var outcome = (await inbox.ApplyAsync(subscription, [pending], cancellationToken))[0];
        if (outcome == DeliveryOutcome.Retried)
        {
            activity?.SetStatus(ActivityStatusCode.Error);
        }

        return outcome;
    }

    /// <summary>
    /// daprd's bulk message: <c>entries</c> of <c>entryId</c>, <c>event</c> (the CloudEvent) and <c>metadata</c>,
    /// answered with <c>statuses</c> of <c>entryId</c> and <c>status</c>. An entry the answer leaves out counts as
    /// RETRY for daprd, so every entry with an id gets a status.
    /// </summary>
    private async Task<IResult> DeliverBulkAsync(InputPortSubscription subscription, JsonElement entries, CancellationToken cancellationToken)
    {
        var statuses = new List<(string EntryId, DeliveryOutcome Outcome)>();
        var pending = new List<(int Index, PendingEvent<TDbContext> Event)>();
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || Text(entry, "entryId") is not { Length: > 0 } entryId)
            {
                logger.LogWarning("A bulk delivery to {Route} holds an entry without entryId; it cannot be answered.", subscription.Route);
                continue;
            }

            if (!entry.TryGetProperty("event", out var cloudEvent))
            {
                logger.LogWarning("Dropped bulk entry {EntryId} on {Route}: it has no event.", entryId, subscription.Route);
                statuses.Add((entryId, DeliveryOutcome.Dropped));
                continue;
            }

            var messageKey = entry.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object ? Text(metadata, MessageKeyMetadata) : null;
            var (settled, accepted) = Accept(subscription, cloudEvent, messageKey);
            statuses.Add((entryId, settled));
            if (accepted is not null)
            {
                pending.Add((statuses.Count - 1, accepted));
            }
        }

        if (pending.Count > 0)
        {
            // One processing span for the bulk, linked to each event's publishing span (OpenTelemetry's batch receive).
            var links = pending.Where(p => p.Event.Trace != default).Select(p => new ActivityLink(p.Event.Trace)).ToList();
            using var activity = MeshTelemetry.ActivitySource.StartActivity(ActivityKind.Consumer, links: links, name: $"{subscription.Topic} process");
            Describe(activity, subscription);
            activity?.SetTag("messaging.batch.message_count", pending.Count);
            var outcomes = await inbox.ApplyAsync(subscription, pending.Select(p => p.Event).ToList(), cancellationToken);
            for (var i = 0; i < pending.Count; i++)
            {
                statuses[pending[i].Index] = (statuses[pending[i].Index].EntryId, outcomes[i]);
            }

            if (outcomes.Contains(DeliveryOutcome.Retried))
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }
        }

        foreach (var (_, outcome) in statuses)
        {
            ConsumerMetrics.Count(subscription, outcome);
        }

        return Results.Json(new { statuses = statuses.Select(s => new { entryId = s.EntryId, status = Status(s.Outcome) }) });
    }

    /// <summary>
    /// Reads and checks one CloudEvent: either settled already (dropped: not a CloudEvent, of another major version of
    /// the contract, or breaks a rule of a field the consumer's contract version names; ignored: a type that version
    /// does not know, or no handler for it), or pending for the inbox.
    /// </summary>
    private (DeliveryOutcome Settled, PendingEvent<TDbContext>? Pending) Accept(InputPortSubscription subscription, JsonElement cloudEvent, string? messageKey)
    {
        if (Read(cloudEvent, subscription) is not { } consumed)
        {
            return (DeliveryOutcome.Dropped, null);
        }

        if (subscription.Unreadable(consumed.ContractVersion) is { } unreadable)
        {
            logger.LogWarning("Dropped event {EventId} ({EventType}) on {Route}: {Reason}.", consumed.Id, consumed.Type, subscription.Route, unreadable);
            return (DeliveryOutcome.Dropped, null);
        }

        if (subscription.ValidatorFor(consumed.Type) is not { } validator)
        {
            // A later minor version of the contract may add event types: acknowledged and counted, never dead-lettered.
            logger.LogInformation("Ignored event {EventId}: {EventType} (contract version {EventContractVersion}) is not an event type of contract {ContractId} {ContractVersion}.",
                consumed.Id, consumed.Type, consumed.ContractVersion, subscription.Contract.Id, subscription.Contract.Version);
            return (DeliveryOutcome.Ignored, null);
        }

        var violations = validator.Validate(consumed.Data);
        if (violations.Count > 0)
        {
            logger.LogWarning("Dropped event {EventId} ({EventType}): it breaks contract {ContractId} {ContractVersion}: {Violations}",
                consumed.Id, consumed.Type, subscription.Contract.Id, subscription.Contract.Version, string.Join("; ", violations));
            return (DeliveryOutcome.Dropped, null);
        }

        if (handlers.Find(subscription.Port.Name, consumed.Type) is not { } handler)
        {
            return (DeliveryOutcome.Ignored, null);
        }

        // Fields of a later minor version are not applied; the inbox row keeps the event's data so they are not lost.
        var unknown = validator.UnknownFields(consumed.Data);
        if (unknown.Count > 0)
        {
            logger.LogInformation("Event {EventId} ({EventType}, contract version {EventContractVersion}) holds fields contract {ContractId} {ContractVersion} does not name: {UnknownFields}; applied without them, kept in the inbox.",
                consumed.Id, consumed.Type, consumed.ContractVersion, subscription.Contract.Id, subscription.Contract.Version, string.Join(", ", unknown));
        }

        var trace = ActivityContext.TryParse(Text(cloudEvent, CloudEventAttributes.TraceParent), Text(cloudEvent, CloudEventAttributes.TraceState), out var context) ? context : default;
        return (DeliveryOutcome.Applied, new PendingEvent<TDbContext>(consumed, messageKey ?? consumed.Subject ?? string.Empty, trace, handler, unknown.Count > 0));
    }

    private ConsumedEvent? Read(JsonElement envelope, InputPortSubscription subscription)
    {
        if (envelope.ValueKind != JsonValueKind.Object
            || Text(envelope, "id") is not { Length: > 0 } id
            || Text(envelope, "type") is not { Length: > 0 } type
            || !envelope.TryGetProperty("data", out var data))
        {
            logger.LogWarning("Dropped a delivery to {Route}: not a CloudEvent with id, type and JSON data.", subscription.Route);
            return null;
        }

        return new ConsumedEvent(id, Text(envelope, "source") ?? string.Empty, type, Text(envelope, "subject"), Text(envelope, CloudEventAttributes.ContractVersion), data);
    }

    private static void Describe(Activity? activity, InputPortSubscription subscription)
    {
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", subscription.Topic);
        activity?.SetTag("data_product", subscription.Consumer.Id);
    }

    private static string Status(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Dropped => "DROP",
        DeliveryOutcome.Retried => "RETRY",
        _ => "SUCCESS",
    };

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
