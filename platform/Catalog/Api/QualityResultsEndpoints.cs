using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.Registration;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Api;

/// <summary>
/// <c>PUT /api/catalog/v1/quality-results</c>: a domain service's report of the runs of its contracts' ODCS quality
/// rules, kept per rule (the newest <see cref="QualityResultRecord.KeptRuns"/>), shown on each product's page and in its
/// facts; a rule whose last run did not pass breaks the product's promise.
/// </summary>
public static class QualityResultsEndpoints
{
    /// <summary>How far ahead of the catalog's clock a run's time may be: a run "checked" later would stay its rule's last one.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static RouteGroupBuilder MapQualityResults(this RouteGroupBuilder api)
    {
        api.MapPut(CatalogRegistrationOptions.QualityResultsRoute, ReportAsync)
            .WithName("report-quality-results")
            .WithSummary("Adds runs of a domain's quality rules to what the catalog keeps of each rule.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ExcludeFromDescription(); // for the mesh's own services, not a public operation
        return api;
    }

    /// <summary>
    /// Only a domain's service, by its credential, reports, only for products registered under its domain and never
    /// against another product's contract. The report is taken whole or refused whole.
    /// </summary>
    private static async Task<IResult> ReportAsync(QualityResultsReportRequest? request, HttpContext http, CatalogDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var service = MeshServiceFilter.Identify(http);
        if (http.Request.Headers.ContainsKey(MeshHeaders.Consumer))
        {
            throw CatalogRefusal.Forbidden(MeshHeaders.Consumer, "a domain's service reports for itself, not for a consumer through it");
        }

        if (request?.Domain is not { Length: > 0 } domain)
        {
            throw CatalogRefusal.Invalid("domain", "is required");
        }

        if (domain != service)
        {
            throw CatalogRefusal.Forbidden("domain", $"the {service} service reports its own domain's quality results, not domain '{domain}'");
        }

        if (request.Results is not { Count: <= QualityResultsReportRequest.MaxResults } results)
        {
            throw CatalogRefusal.Invalid("results", $"is required, with at most {QualityResultsReportRequest.MaxResults} entries");
        }

        var now = clock.GetUtcNow();
        for (var i = 0; i < results.Count; i++)
        {
            Validate($"results[{i}]", results[i], now);
        }

        await RefuseOthersAsync(db, domain, results, cancellationToken);

        // Runs of products or contract versions not registered (yet, or refused by the compatibility gate) are skipped, as
        // parked events of unknown products are: refusing them would refuse the domain's other runs with them, report
        // after report. They do not count until their version is registered and they run again.
        var registered = await RegisteredAsync(db, results, cancellationToken);
        var ids = results.Select(r => r.DataProductId).Distinct().ToList();
        var runs = results.Where(r => registered.Contains((r.DataProductId, r.ContractId, r.ContractVersion)))
            .DistinctBy(r => (r.DataProductId, r.ContractId, r.RuleId, Instant(r.CheckedAt))).ToList();
        var times = runs.Select(r => Instant(r.CheckedAt)).Distinct().ToList();
        var known = (await db.QualityResults.Where(q => ids.Contains(q.DataProductId) && times.Contains(q.CheckedAt))
                .Select(q => new { q.DataProductId, q.ContractId, q.RuleId, q.CheckedAt }).ToListAsync(cancellationToken))
            .Select(q => (q.DataProductId, q.ContractId, q.RuleId, q.CheckedAt)).ToHashSet();
        var added = runs.Where(r => !known.Contains((r.DataProductId, r.ContractId, r.RuleId, Instant(r.CheckedAt)))).ToList();
        db.QualityResults.AddRange(added.Select(r => new QualityResultRecord
        {
            DataProductId = r.DataProductId,
            ContractId = r.ContractId,
            ContractVersion = r.ContractVersion,
            RuleId = r.RuleId,
            Element = r.Element,
            Kind = r.Kind,
            Outcome = r.Outcome,
            MeasuredValue = r.MeasuredValue,
            Detail = r.Detail,
            CheckedAt = Instant(r.CheckedAt),
            ReportedAt = now,
        }));

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var rule in added.Select(r => (r.DataProductId, r.ContractId, r.RuleId)).Distinct())
            {
                await TrimAsync(db, rule, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });
        return TypedResults.NoContent();
    }

    private static void Validate(string at, QualityRuleResult? result, DateTimeOffset now)
    {
        CatalogRefusal.ThrowIfBlank($"{at}.dataProductId", result?.DataProductId, DataProductRecord.MaxIdLength);
        CatalogRefusal.ThrowIfBlank($"{at}.contractId", result!.ContractId, ContractVersionRecord.MaxIdLength);
        CatalogRefusal.ThrowIfBlank($"{at}.contractVersion", result.ContractVersion, ContractVersionRecord.MaxVersionLength);
        CatalogRefusal.ThrowIfBlank($"{at}.ruleId", result.RuleId, QualityRuleResult.MaxRuleIdLength);
        CatalogRefusal.ThrowIfBlank($"{at}.element", result.Element, QualityRuleResult.MaxElementLength);
        CatalogRefusal.ThrowIfBlank($"{at}.kind", result.Kind, QualityRuleResult.MaxKindLength);
        if (!QualityRuleResult.Outcomes.Contains(result.Outcome))
        {
            throw CatalogRefusal.Invalid($"{at}.outcome", $"must be one of {string.Join(", ", QualityRuleResult.Outcomes)}");
        }

        if (result.Detail is null)
        {
            throw CatalogRefusal.Invalid($"{at}.detail", "is required (empty when there is nothing to say)");
        }

        CatalogRefusal.ThrowIfLonger($"{at}.detail", result.Detail, QualityRuleResult.MaxDetailLength);
        if (result.CheckedAt == default || result.CheckedAt > now + MaxClockSkew)
        {
            throw CatalogRefusal.Invalid($"{at}.checkedAt", $"is required, and not later than now (up to {MaxClockSkew.TotalMinutes} minutes of clock skew)");
        }
    }

    /// <summary>Refuses (403) a result for another domain's product, or against another product's contract.</summary>
    private static async Task RefuseOthersAsync(CatalogDbContext db, string domain, IReadOnlyList<QualityRuleResult> results, CancellationToken cancellationToken)
    {
        var ids = results.Select(r => r.DataProductId).Distinct().ToList();
        var owners = await db.DataProducts.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Domain, cancellationToken);
        var contractIds = results.Select(r => r.ContractId).Distinct().ToList();
        var products = await db.ContractVersions.Where(c => contractIds.Contains(c.ContractId))
            .Select(c => new { c.ContractId, c.DataProductId }).Distinct().ToListAsync(cancellationToken);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (owners.TryGetValue(result.DataProductId, out var owner) && owner != domain)
            {
                throw CatalogRefusal.Forbidden($"results[{i}].dataProductId", $"data product '{result.DataProductId}' belongs to domain '{owner}', not '{domain}'");
            }

            if (products.FirstOrDefault(c => c.ContractId == result.ContractId && c.DataProductId != result.DataProductId) is { } other)
            {
                throw CatalogRefusal.Forbidden($"results[{i}].contractId", $"contract '{result.ContractId}' is offered by data product '{other.DataProductId}', not '{result.DataProductId}'");
            }
        }
    }

    /// <summary>The reported (product, contract, version) triples the catalog has registered.</summary>
    private static async Task<HashSet<(string, string, string)>> RegisteredAsync(CatalogDbContext db, IReadOnlyList<QualityRuleResult> results, CancellationToken cancellationToken)
    {
        var contractIds = results.Select(r => r.ContractId).Distinct().ToList();
        return (await db.ContractVersions.Where(c => contractIds.Contains(c.ContractId))
                .Select(c => new { c.DataProductId, c.ContractId, c.Version }).ToListAsync(cancellationToken))
            .Select(c => (c.DataProductId, c.ContractId, c.Version)).ToHashSet();
    }

    /// <summary>The run's time as PostgreSQL keeps it (UTC, whole microseconds), so a run sent again is recognised.</summary>
    private static DateTimeOffset Instant(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>Deletes the rule's runs older than its newest <see cref="QualityResultRecord.KeptRuns"/>.</summary>
    private static Task<int> TrimAsync(CatalogDbContext db, (string DataProductId, string ContractId, string RuleId) rule, CancellationToken cancellationToken)
    {
        var runs = db.QualityResults.Where(q => q.DataProductId == rule.DataProductId && q.ContractId == rule.ContractId && q.RuleId == rule.RuleId);
        var kept = runs.OrderByDescending(q => q.CheckedAt).ThenByDescending(q => q.Id).Take(QualityResultRecord.KeptRuns).Select(q => q.Id);
        return runs.Where(q => !kept.Contains(q.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
