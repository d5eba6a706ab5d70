using System.Text.Json;
using DataMesh.Catalog.Registry;
using DataMesh.Contracts;
using DataMesh.DataProducts.Publishing;
using Microsoft.EntityFrameworkCore;
using Semver;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// Records the CloudEvents the sidecar delivers: a product's event moves its last-event time and its hourly
/// count; a dead-lettered one is kept once with the reason and the event itself (to be replayed), found by checking it against the registered contract.
/// </summary>
public sealed class EventObservations(CatalogDbContext db, TimeProvider clock)
{
    /// <summary>How long a counted event id is remembered: the last-hour count reads this hour's and the previous hour's buckets.</summary>
    public static readonly TimeSpan RememberedFor = TimeSpan.FromHours(2);

    public async Task ObserveEventAsync(string dataProductId, JsonElement cloudEvent, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var at = Time(cloudEvent) ?? now;
        var id = Text(cloudEvent, "id") ?? "";

        // Upserts in SQL: concurrent deliveries must add up, not overwrite each other.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO observed_products ("DataProductId", "LastEventAt", "LastEventId") VALUES ({dataProductId}, {at}, {id})
            ON CONFLICT ("DataProductId") DO UPDATE SET "LastEventAt" = EXCLUDED."LastEventAt", "LastEventId" = EXCLUDED."LastEventId"
            WHERE observed_products."LastEventAt" <= EXCLUDED."LastEventAt"
            """, cancellationToken);

        // A redelivered id adds nothing; the id and the count are written in one statement, so a delivery that fails
        // in between is counted when the sidecar retries it. An event without an id cannot be told apart: it counts.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH forgotten AS (
                DELETE FROM observed_events WHERE "ReceivedAt" < {now - RememberedFor}
            ),
            first AS (
                INSERT INTO observed_events ("DataProductId", "EventId", "ReceivedAt") VALUES ({dataProductId}, {id}, {now})
                ON CONFLICT ("DataProductId", "EventId") DO NOTHING
                RETURNING 1
            )
            INSERT INTO observed_hours ("DataProductId", "Hour", "Events")
            SELECT {dataProductId}, {PromiseObserver.Hour(now)}, 1 WHERE {id} = '' OR EXISTS (SELECT 1 FROM first)
            ON CONFLICT ("DataProductId", "Hour") DO UPDATE SET "Events" = observed_hours."Events" + 1
            """, cancellationToken);
    }

    public async Task ObserveDeadLetterAsync(string dataProductId, string consumerId, string topic, JsonElement cloudEvent, CancellationToken cancellationToken)
    {
        var id = Cut(Text(cloudEvent, "id") ?? "", DeadLetterRecord.MaxAttributeLength);
        var type = Text(cloudEvent, "type");
        var version = Text(cloudEvent, CloudEventAttributes.ContractVersion);
        var reason = Cut(await ReasonAsync(consumerId, Text(cloudEvent, CloudEventAttributes.ContractId), version, type, cloudEvent, cancellationToken), DeadLetterRecord.MaxReasonLength);
        consumerId = Cut(consumerId, DeadLetterRecord.MaxAttributeLength);
        type = type is null ? null : Cut(type, DeadLetterRecord.MaxAttributeLength);
        version = version is null ? null : Cut(version, DeadLetterRecord.MaxAttributeLength);
        var raw = cloudEvent.GetRawText();
        var payload = System.Text.Encoding.UTF8.GetByteCount(raw) <= DeadLetterRecord.MaxPayloadBytes ? raw : null;

        // Kept once per consumer and event id: the dead-letter topic is delivered at least once, and a consumer that
        // gets the event redelivered drops it again. An event without an id cannot be told apart: it is kept each time.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO dead_letters ("DataProductId", "ConsumerId", "Topic", "EventId", "EventType", "ContractVersion", "Reason", "ReceivedAt", "Payload")
            VALUES ({dataProductId}, {consumerId}, {topic}, {id}, {type}, {version}, {reason}, {clock.GetUtcNow()}, {payload})
            ON CONFLICT ("DataProductId", "ConsumerId", "EventId") WHERE "EventId" <> '' DO NOTHING
            """, cancellationToken);
    }

    /// <summary>
    /// Why the consumer refused the event: a major version it does not read (consumers read every version of the major
    /// version their input port names), else what the registered contract version finds wrong with it.
    /// </summary>
    private async Task<string> ReasonAsync(string consumerId, string? contractId, string? version, string? type, JsonElement cloudEvent, CancellationToken cancellationToken)
    {
        if (contractId is null || version is null || !SemVersion.TryParse(version, SemVersionStyles.Strict, out var eventVersion))
        {
            return "the event names no contract and version (contractid, contractversion)";
        }

        var read = await db.Lineage.AsNoTracking()
            .Where(e => e.DownstreamId == consumerId && e.ContractId == contractId)
            .Select(e => e.ContractVersion)
            .ToListAsync(cancellationToken);
        var readVersions = read.Select(v => SemVersion.TryParse(v, SemVersionStyles.Strict, out var parsed) ? parsed : null).OfType<SemVersion>().ToList();
        if (readVersions.Count > 0 && readVersions.All(v => v.Major != eventVersion.Major))
        {
            return $"contract {contractId} {version} has major version {eventVersion.Major}; the consumer reads major version {string.Join(", ", readVersions.Select(v => $"{v.Major} ({v})"))}";
        }

        var record = await db.ContractVersions.AsNoTracking().SingleOrDefaultAsync(c => c.ContractId == contractId && c.Version == version, cancellationToken);
        if (record is null)
        {
            return $"contract {contractId} {version} is not registered";
        }

        var contract = DataProductCatalogueLoader.LoadContract(record.Path, record.Yaml);
        if (type is null || contract.EventTypes.All(o => o.Name != type))
        {
            return $"event type '{type}' is not in contract {contractId} {version}";
        }

        var violations = new ContractEventValidator(contract, type).Validate(cloudEvent.TryGetProperty("data", out var data) ? data : JsonSerializer.SerializeToElement<object?>(null));
        return violations.Count > 0
            ? string.Join("; ", violations.Select(v => $"{v.Field}: {v.Reason}"))
            : $"valid against contract {contractId} {version} as registered; the consumer's own copy of the contract refused it";
    }

    /// <summary>At most <paramref name="maxLength"/> characters, the last an ellipsis when cut.</summary>
    private static string Cut(string text, int maxLength) => text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");

    private static string? Text(JsonElement cloudEvent, string name) =>
        cloudEvent.ValueKind == JsonValueKind.Object && cloudEvent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement cloudEvent) =>
        DateTimeOffset.TryParse(Text(cloudEvent, "time"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;
}
