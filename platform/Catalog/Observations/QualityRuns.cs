using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.Registration;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// The reported runs of data products' quality rules, read the one way every page and answer judges them: a rule counts
/// by its last run, and only while that run was against the newest registered version of its contract, so a rule a
/// newer version dropped (and that will never run again) does not hold the product breached for ever.
/// </summary>
/// <remarks>The rule is SQL (<see cref="LastRunsSql"/>) so that a search page judges its products in its one statement too.</remarks>
public sealed class QualityRuns(CatalogDbContext db)
{
    /// <summary>The last run of each counted rule of the product whose id <paramref name="productId"/> (an SQL expression) is.</summary>
    public static string LastRunsSql(string productId) => $"""
        SELECT last.* FROM (
            SELECT DISTINCT ON (q."ContractId", q."RuleId") q.* FROM quality_results q WHERE q."DataProductId" = {productId}
            ORDER BY q."ContractId", q."RuleId", q."CheckedAt" DESC, q."Id" DESC) last
        WHERE last."ContractVersion" = (SELECT c."Version" FROM contract_versions c WHERE c."ContractId" = last."ContractId"
            ORDER BY c."Major" DESC, c."Minor" DESC, c."Patch" DESC, c."RegisteredAt" DESC LIMIT 1)
        """;

    /// <summary>One row: how many rules of the product count (<c>"Rules"</c>) and how many did not pass their last run (<c>"NotPassing"</c>).</summary>
    public static string CountsSql(string productId) => $"""
        SELECT count(*)::int AS "Rules", (count(*) FILTER (WHERE r."Outcome" <> '{QualityRuleResult.Passed}'))::int AS "NotPassing"
        FROM ({LastRunsSql(productId)}) r
        """;

    /// <summary><see cref="CountsSql"/> of each product whose id is in the parameter <c>@ids</c>; built from constants only.</summary>
    private static readonly string CountsOfIdsSql =
        $"""SELECT p."Id" AS "DataProductId", c."Rules", c."NotPassing" FROM unnest(@ids) AS p("Id") CROSS JOIN LATERAL ({CountsSql("p.\"Id\"")}) c""";

    /// <summary>The last run of each counted rule of the product, by contract and rule id.</summary>
    public async Task<IReadOnlyList<QualityResultRecord>> LastAsync(string id, CancellationToken cancellationToken) =>
        await db.QualityResults.FromSqlRaw(LastRunsSql("@id"), new NpgsqlParameter<string>("id", id)).AsNoTracking()
            .OrderBy(r => r.ContractId).ThenBy(r => r.RuleId).ToListAsync(cancellationToken);

    /// <summary>How many rules of each product count, and how many of them did not pass their last run.</summary>
    public async Task<IReadOnlyDictionary<string, (int Rules, int NotPassing)>> CountAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<RuleCount>(CountsOfIdsSql, new NpgsqlParameter<string[]>("ids", ids.ToArray()))
            .ToListAsync(cancellationToken))
        .ToDictionary(c => c.DataProductId, c => (c.Rules, c.NotPassing));

    /// <summary>The products with a kept run that did not pass: the only ones their quality may hold breached.</summary>
    public async Task<IReadOnlyList<string>> NotPassingLatelyAsync(CancellationToken cancellationToken) =>
        await db.QualityResults.AsNoTracking().Where(r => r.Outcome != QualityRuleResult.Passed)
            .Select(r => r.DataProductId).Distinct().ToListAsync(cancellationToken);

    /// <summary>The newest <paramref name="count"/> runs of each of the product's rules, newest first.</summary>
    public async Task<ILookup<(string ContractId, string RuleId), QualityResultRecord>> RecentAsync(string id, int count, CancellationToken cancellationToken) =>
        (await db.QualityResults.FromSqlRaw(RecentRunsSql, new NpgsqlParameter<string>("id", id), new NpgsqlParameter<int>("count", count)).AsNoTracking()
            .OrderByDescending(r => r.CheckedAt).ThenByDescending(r => r.Id).ToListAsync(cancellationToken))
        .ToLookup(r => (r.ContractId, r.RuleId));

    /// <summary>The newest <c>@count</c> runs of each rule of the product <c>@id</c> (EF Core does not translate a top-n per group).</summary>
    private const string RecentRunsSql = """
        SELECT q.* FROM quality_results q WHERE q."Id" IN (
            SELECT n."Id" FROM (
                SELECT r."Id", row_number() OVER (PARTITION BY r."ContractId", r."RuleId" ORDER BY r."CheckedAt" DESC, r."Id" DESC) AS "Newest"
                FROM quality_results r WHERE r."DataProductId" = @id) n
            WHERE n."Newest" <= @count)
        """;

    private sealed class RuleCount
    {
        public required string DataProductId { get; init; }

        public int Rules { get; init; }

        public int NotPassing { get; init; }
    }
}
