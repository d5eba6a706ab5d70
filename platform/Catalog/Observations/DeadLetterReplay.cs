using System.Text.Json.Nodes;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using DataMesh.Contracts;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// A consumer's dead letters, read and replayed. Everyone sees that they exist and why; their personal fields only the
/// consuming product's team (and administrators) read. Replaying is for that team, administrators, and the consuming
/// domain's own service (the dashboard command of its resource): the event is sent, same id, to the consumer's replay
/// topic, which it reads through its inbox, so a replay that comes twice is applied once.
/// </summary>
public sealed class DeadLetterReplay(CatalogDbContext db, IDeadLetterReplaySender sender, TimeProvider clock)
{
    /// <summary>The most dead letters one call lists or replays: the newest first for a list, the oldest first for a replay.</summary>
    public const int MaxPerCall = 200;

    /// <summary>The audit trail's word for a replay.</summary>
    public const string ReplayedAction = "dead-letter-replayed";

    public async Task<IReadOnlyList<KeptDeadLetter>> ListAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        var consumer = await ConsumerAsync(consumerId, cancellationToken);
        var readsPersonalData = caller.ActsFor(consumer.Owner);
        var records = await db.DeadLetters.AsNoTracking().Where(d => d.ConsumerId == consumerId)
            .OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id).Take(MaxPerCall).ToListAsync(cancellationToken);
        var schemas = new Dictionary<(string, string, string), SchemaObject?>();
        var kept = new List<KeptDeadLetter>(records.Count);
        foreach (var record in records)
        {
            var cloudEvent = record.Payload is null ? null : JsonNode.Parse(record.Payload) as JsonObject;
            if (cloudEvent is not null && !readsPersonalData)
            {
                cloudEvent = PersonalDataMask.Apply(cloudEvent, await SchemaAsync(cloudEvent, schemas, cancellationToken));
            }

            kept.Add(new KeptDeadLetter(record.Id, record.DataProductId, record.ConsumerId, record.EventId, record.EventType, record.ContractVersion,
                record.Reason, record.ReceivedAt, cloudEvent, cloudEvent is not null && !readsPersonalData, record.ReplayedAt, record.ReplayedBy));
        }

        return kept;
    }

    /// <summary>Replays one dead letter of <paramref name="consumerId"/>.</summary>
    /// <exception cref="CatalogRefusal">401, 403, 404 (no such consumer or dead letter), 409 (the event was too large to keep).</exception>
    /// <remarks>
    /// A dead letter is named by its CloudEvent id, not the catalog's row number (ids a caller cannot guess). Two producers
    /// could in theory send one id to the same consumer; the oldest is replayed, and the consumer's inbox, keyed by the
    /// event id, would apply only one of them anyway.
    /// </remarks>
    public async Task<KeptDeadLetter> ReplayAsync(string consumerId, string eventId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        await MayReplayAsync(consumerId, caller, cancellationToken);
        var record = await db.DeadLetters.Where(d => d.ConsumerId == consumerId && d.EventId == eventId).OrderBy(d => d.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw CatalogRefusal.NotFound("eventId", $"consumer {consumerId} has no dead letter {eventId}");
        if (record.Payload is null)
        {
            throw CatalogRefusal.Conflict("eventId", $"the event was larger than {DeadLetterRecord.MaxPayloadBytes} bytes and was not kept; it cannot be replayed from the catalog");
        }

        await ReplayAsync(record, caller, cancellationToken);
        return Shown(record);
    }

    /// <summary>Replays every dead letter of <paramref name="consumerId"/> not replayed yet (at most <see cref="MaxPerCall"/>, the oldest first); answers how many.</summary>
    /// <exception cref="CatalogRefusal">401, 403, 404 (no such consumer).</exception>
    public async Task<int> ReplayAllAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        await MayReplayAsync(consumerId, caller, cancellationToken);
        var records = await db.DeadLetters.Where(d => d.ConsumerId == consumerId && d.ReplayedAt == null && d.Payload != null)
            .OrderBy(d => d.ReceivedAt).ThenBy(d => d.Id).Take(MaxPerCall).ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            await ReplayAsync(record, caller, cancellationToken);
        }

        return records.Count;
    }

    /// <summary>Whether <paramref name="caller"/> may replay <paramref name="consumerId"/>'s dead letters (what the UI asks before showing the button).</summary>
    public static bool MayReplay(DataProductRecord consumer, CatalogCaller caller) =>
        caller.ActsFor(consumer.Owner) || caller is ServiceCaller service && service.Service == consumer.Domain;

    private async Task MayReplayAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        var consumer = await ConsumerAsync(consumerId, cancellationToken);
        caller.Must(MayReplay(consumer, caller), "consumerId",
            $"only team {consumer.Owner} (which owns {consumerId}), the {consumer.Domain} service and administrators replay its dead letters");
    }

    private async Task ReplayAsync(DeadLetterRecord record, CatalogCaller caller, CancellationToken cancellationToken)
    {
        var topic = ConsumerTopics.ReplayOfDeadLetter(record.Topic)
            ?? throw CatalogRefusal.Conflict("id", $"dead letter {record.Id} came from '{record.Topic}', not a consumer's dead-letter topic");

        // Sent first, marked after: a send that fails leaves it as it was; one marked but lost cannot happen, a send
        // marked twice (a retry after a lost answer) the consumer's inbox applies once.
        await sender.SendAsync(topic, record.Payload!, cancellationToken);
        record.ReplayedAt = clock.GetUtcNow();
        record.ReplayedBy = caller.Name;
        db.AccessAudit.Add(new AccessAuditRecord
        {
            Action = ReplayedAction, Actor = caller.Name, ActorKind = caller.Kind, At = record.ReplayedAt.Value,
            ConsumerId = record.ConsumerId, DataProductId = record.DataProductId, Note = $"event {record.EventId} (dead letter {record.Id}) to {topic}",
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<DataProductRecord> ConsumerAsync(string consumerId, CancellationToken cancellationToken) =>
        await db.DataProducts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == consumerId, cancellationToken)
            ?? throw CatalogRefusal.NotFound("consumerId", $"no data product {consumerId}");

    /// <summary>The event type's schema in the contract version the event names, or null when the catalog cannot tell.</summary>
    private async Task<SchemaObject?> SchemaAsync(JsonObject cloudEvent, Dictionary<(string, string, string), SchemaObject?> known, CancellationToken cancellationToken)
    {
        if (Text(cloudEvent, CloudEventAttributes.ContractId) is not { } contractId || Text(cloudEvent, CloudEventAttributes.ContractVersion) is not { } version
            || Text(cloudEvent, "type") is not { } type)
        {
            return null;
        }

        if (!known.TryGetValue((contractId, version, type), out var schema))
        {
            var record = await db.ContractVersions.AsNoTracking().SingleOrDefaultAsync(c => c.ContractId == contractId && c.Version == version, cancellationToken);
            schema = record is null ? null : DataProductCatalogueLoader.LoadContract(record.Path, record.Yaml).Schema.FirstOrDefault(o => o.Name == type);
            known[(contractId, version, type)] = schema;
        }

        return schema;
    }

    private static KeptDeadLetter Shown(DeadLetterRecord record) =>
        new(record.Id, record.DataProductId, record.ConsumerId, record.EventId, record.EventType, record.ContractVersion, record.Reason, record.ReceivedAt,
            Event: null, Masked: false, record.ReplayedAt, record.ReplayedBy);

    private static string? Text(JsonObject cloudEvent, string name) =>
        cloudEvent[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
