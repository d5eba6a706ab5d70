using System.Data;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataMesh.Catalog.Discovery;

/// <summary>
/// PostgreSQL full-text search over the listed products (the weighted search vector, copied with the filter
/// columns into the narrow <c>data_product_search</c> table and its GIN index), ranked by cover density, filtered
/// and paged in the database.
/// </summary>
/// <remarks>
/// One statement per search: the matches are found and ranked once, counted and cut to the page from the same
/// materialized set, and only the page's rows are joined to their facts and observations. A common word matches
/// a quarter of the products, so a second scan for the count, or a round trip per observation table, cost more
/// than the page itself.
/// </remarks>
public sealed class ProductSearch(CatalogDbContext db, PromiseObserver observer)
{
    public async Task<ProductPage> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var now = observer.Now();
        var thisHour = PromiseObserver.Hour(now);
        await using var command = new NpgsqlCommand();
        var conditions = new List<string>();
        string rank;
        if (query.Text is { Length: > 0 } text)
        {
            var tsQuery = $"websearch_to_tsquery('{CatalogDbContext.SearchConfiguration}', {Parameter(command, "text", text)})";
            conditions.Add($"""s."SearchVector" @@ {tsQuery}""");
            rank = $"""ts_rank_cd(s."SearchVector", {tsQuery})""";
        }
        else
        {
            rank = "0::real";
        }

        if (query.Domain is { Length: > 0 } domain)
        {
            conditions.Add($"""s."Domain" = {Parameter(command, "domain", domain)}""");
        }

        if (query.Owner is { Length: > 0 } owner)
        {
            conditions.Add($"""s."Owner" = {Parameter(command, "owner", owner)}""");
        }

        if (query.Status is { Length: > 0 } status)
        {
            conditions.Add($"""s."Status" = {Parameter(command, "status", status)}""");
        }

        if (query.Classification is { Length: > 0 } classification)
        {
            conditions.Add($"""{Parameter(command, "classification", classification)} = ANY (s."Classifications")""");
        }

        // Ranked matches are materialized so that count and page share one scan; unranked ones are inlined so
        // that the page is read in key order and stops at its end.
        command.CommandText = $"""
            WITH matching AS {(query.Text is { Length: > 0 } ? "" : "NOT ")}MATERIALIZED (
                SELECT s."Id", {rank} AS "Rank" FROM data_product_search s
                {(conditions.Count > 0 ? "WHERE " + string.Join(" AND ", conditions) : "")}
            ),
            page AS (
                SELECT m."Id", m."Rank" FROM matching m ORDER BY m."Rank" DESC, m."Id"
                LIMIT {Parameter(command, "take", query.PageSize)} OFFSET {Parameter(command, "skip", (query.Page - 1) * query.PageSize)}
            )
            SELECT total.n, p."Id", d."Name", d."Domain", d."Owner", d."Status", d."Version", d."Purpose", d."Tags", d."Classifications",
                d."Freshness", p."Rank", o."LastEventAt",
                (SELECT h."Events" FROM observed_hours h WHERE h."DataProductId" = p."Id" AND h."Hour" = {Parameter(command, "thisHour", thisHour)}),
                (SELECT h."Events" FROM observed_hours h WHERE h."DataProductId" = p."Id" AND h."Hour" = {Parameter(command, "previousHour", thisHour.AddHours(-1))}),
                (SELECT count(*) FROM dead_letters l WHERE l."DataProductId" = p."Id"),
                quality."Rules", quality."NotPassing"
            FROM (SELECT count(*) AS n FROM matching) total
            LEFT JOIN (page p JOIN data_products d ON d."Id" = p."Id") ON TRUE
            LEFT JOIN observed_products o ON o."DataProductId" = p."Id"
            LEFT JOIN LATERAL ({QualityRuns.CountsSql("p.\"Id\"")}) quality ON TRUE
            ORDER BY p."Rank" DESC, p."Id"
            """;

        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                command.Connection = (NpgsqlConnection)db.Database.GetDbConnection();
                await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleResult, cancellationToken);
                var total = 0;
                var items = new List<ProductSummary>(query.PageSize);
                while (await reader.ReadAsync(cancellationToken))
                {
                    total = checked((int)reader.GetInt64(0));
                    if (reader.IsDBNull(1))
                    {
                        continue;
                    }

                    var freshness = reader.IsDBNull(10) ? (TimeSpan?)null : reader.GetFieldValue<TimeSpan>(10);
                    var observed = PromiseObserver.Judge(
                        now,
                        freshness,
                        reader.IsDBNull(12) ? null : reader.GetFieldValue<DateTimeOffset>(12),
                        reader.IsDBNull(13) ? 0 : reader.GetInt64(13),
                        reader.IsDBNull(14) ? 0 : reader.GetInt64(14),
                        reader.GetInt64(15),
                        (reader.GetInt32(16), reader.GetInt32(17)));
                    items.Add(new ProductSummary(
                        reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6),
                        reader.GetString(7), reader.GetFieldValue<string[]>(8), reader.GetFieldValue<string[]>(9), reader.GetFloat(11), observed));
                }

                return new ProductPage(total, query.Page, query.PageSize, items);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    private static string Parameter<T>(NpgsqlCommand command, string name, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));
        return "@" + name;
    }
}
