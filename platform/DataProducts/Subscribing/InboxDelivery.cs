using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// Takes a CloudEvent the sidecar delivers to an input port's route: checks it against the consumer's contract
/// version, applies it once through the inbox, and answers Dapr with SUCCESS, RETRY or DROP.
/// </summary>
public sealed class InboxDelivery<TDbContext>(
    DataProductSubscriptions subscriptions,
    InputPortHandlers<TDbContext> handlers,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<InboxDelivery<TDbContext>> logger) : IInputPortDelivery
    where TDbContext : DbContext
{
    public async Task<IResult> DeliverAsync(string dataProductId, string inputPort, HttpRequest request, CancellationToken cancellationToken)
    {
        if (subscriptions.Find(dataProductId, inputPort) is not { } subscription)
        {
            return Results.NotFound();
        }

        var outcome = await OutcomeAsync(subscription, request, cancellationToken);
        ConsumerMetrics.Count(subscription, outcome);
        return Results.Json(new { status = outcome switch
        {
            DeliveryOutcome.Dropped => "DROP",
            DeliveryOutcome.Retried => "RETRY",
            _ => "SUCCESS",
        } });
    }

    private async Task<DeliveryOutcome> OutcomeAsync(InputPortSubscription subscription, HttpRequest request, CancellationToken cancellationToken)
    {
        JsonElement envelope;
        try
        {
            envelope = (await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken)).RootElement;
        }
        catch (JsonException exception)
        {
            logger.LogWarning(exception, "Dropped a delivery to {Route}: the body is not a CloudEvent.", subscription.Route);
            return DeliveryOutcome.Dropped;
        }

        if (Read(envelope, subscription) is not { } consumed)
        {
            return DeliveryOutcome.Dropped;
        }

        if (subscription.ValidatorFor(consumed.Type) is not { } validator)
        {
            logger.LogWarning("Dropped event {EventId}: {EventType} is not an event type of contract {ContractId} {ContractVersion}.",
                consumed.Id, consumed.Type, subscription.Contract.Id, subscription.Contract.Version);
            return DeliveryOutcome.Dropped;
        }

        var violations = validator.Validate(consumed.Data);
        if (violations.Count > 0)
        {
            logger.LogWarning("Dropped event {EventId} ({EventType}): it breaks contract {ContractId} {ContractVersion}: {Violations}",
                consumed.Id, consumed.Type, subscription.Contract.Id, subscription.Contract.Version, string.Join("; ", violations));
            return DeliveryOutcome.Dropped;
        }

        if (handlers.Find(subscription.Port.Name, consumed.Type) is not { } handler)
        {
            return DeliveryOutcome.Ignored;
        }

        using var activity = MeshTelemetry.ActivitySource.StartActivity($"{subscription.Topic} process", ActivityKind.Consumer);
        activity?.SetTag("messaging.system", "dapr");
        activity?.SetTag("messaging.destination.name", subscription.Topic);
        activity?.SetTag("messaging.message.id", consumed.Id);
        activity?.SetTag("data_product", subscription.Consumer.Id);
        try
        {
            return await ApplyOnceAsync(subscription, consumed, handler, cancellationToken) ? DeliveryOutcome.Applied : DeliveryOutcome.Duplicate;
        }
        catch (DbUpdateException exception) when (IsInboxDuplicate(exception))
        {
            // A concurrent delivery of the same event committed first.
            return DeliveryOutcome.Duplicate;
        }
        catch (Exception exception) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // Database down, a timeout, a conflict, a handler's own failure: none is the event's fault, so Dapr
            // keeps it and delivers it again rather than losing it.
            logger.LogError(exception, "Event {EventId} ({EventType}) on {Route} failed; asking the sidecar to retry.", consumed.Id, consumed.Type, subscription.Route);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            return DeliveryOutcome.Retried;
        }
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

        return new ConsumedEvent(id, Text(envelope, "source") ?? string.Empty, type, Text(envelope, "subject"), Text(envelope, Publishing.CloudEventAttributes.ContractVersion), data.Clone());
    }

    /// <returns>False when the inbox already held the event.</returns>
    private async Task<bool> ApplyOnceAsync(InputPortSubscription subscription, ConsumedEvent consumed, InputPortHandler<TDbContext> handler, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var consumer = subscription.Consumer.Id;
        var port = subscription.Port.Name;

        // A retrying execution strategy (Aspire's default) only allows transactions inside it.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var inbox = db.Set<InboxEntry>();
            if (await inbox.AnyAsync(e => e.DataProductId == consumer && e.InputPort == port && e.EventId == consumed.Id, ct))
            {
                return false;
            }

            inbox.Add(new InboxEntry
            {
                DataProductId = consumer,
                InputPort = port,
                EventId = consumed.Id,
                EventType = consumed.Type,
                Source = consumed.Source,
                AppliedAt = clock.GetUtcNow(),
            });
            await handler(consumed, db, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    private static bool IsInboxDuplicate(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: InboxModel.PrimaryKeyName };

    private static string? Text(JsonElement envelope, string attribute) =>
        envelope.TryGetProperty(attribute, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
