using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// Records delivered events in the inbox with one statement per delivery, whatever its size: the ids go to
/// PostgreSQL as arrays, and those the inbox already holds are skipped by the primary key rather than looked up
/// first. A concurrent delivery of the same event waits for the other transaction and is skipped once it commits.
/// </summary>
internal static class InboxRecord
{
    private const string InsertSql =
        "INSERT INTO " + InboxModel.TableName + " (data_product_id, input_port, event_id, event_type, source, applied_at, data) " +
        "SELECT @consumer, @port, e.id, e.type, e.source, @applied_at, e.data::jsonb FROM unnest(@ids, @types, @sources, @data) AS e(id, type, source, data) " +
        "ON CONFLICT ON CONSTRAINT " + InboxModel.PrimaryKeyName + " DO NOTHING RETURNING event_id AS \"Value\"";

    /// <summary>Inserts the events the inbox does not hold yet, in the context's transaction.</summary>
    /// <returns>The ids inserted now: the events to apply.</returns>
    public static Task<List<string>> InsertNewAsync<TDbContext>(DbContext db, InputPortSubscription subscription, IReadOnlyList<PendingEvent<TDbContext>> events, DateTimeOffset appliedAt, CancellationToken cancellationToken)
        where TDbContext : DbContext =>
        db.Database.SqlQueryRaw<string>(
            InsertSql,
            new NpgsqlParameter("consumer", subscription.Consumer.Id),
            new NpgsqlParameter("port", subscription.Port.Name),
            new NpgsqlParameter("applied_at", NpgsqlDbType.TimestampTz) { Value = appliedAt },
            Array("ids", events.Select(e => e.Event.Id)),
            Array("types", events.Select(e => e.Event.Type)),
            Array("sources", events.Select(e => e.Event.Source)),
            Array("data", events.Select(e => e.KeepsData ? e.Event.Data.GetRawText() : null))).ToListAsync(cancellationToken);

    private static NpgsqlParameter Array(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };
}
