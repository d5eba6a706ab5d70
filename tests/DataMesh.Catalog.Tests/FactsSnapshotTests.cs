using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// A product's facts agree with themselves while reports arrive: a rule's failed run reported between the moment the
/// catalog counted the product's passing rules and the moment it lists them shows in neither part of that answer, so
/// the rule's last run and the promise judged from it never disagree (seen in the running mesh: a failed last run next
/// to <c>qualityKept: true</c>).
/// </summary>
public sealed class FactsSnapshotTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private static readonly string QualityResults = new CatalogRegistrationOptions().QualityResultsPath;

    [Fact]
    public async Task A_run_reported_while_the_facts_are_read_shows_in_all_of_them_or_in_none()
    {
        var reportBetweenReads = new ReportAfterCounting();
        await using var catalog = await CatalogHost.StartAsync(postgres, configure: web => web.ConfigureTestServices(services =>
            services.ConfigureDbContext<CatalogDbContext>(options => options.AddInterceptors(reportBetweenReads))));
        await catalog.RegisterAsync(Definitions.Hr());
        using var hr = catalog.ServiceClient("hr");
        Assert.Equal(HttpStatusCode.NoContent, (await hr.PutAsJsonAsync(QualityResults, Report(QualityRuleResult.Passed, minutesAgo: 10))).StatusCode);

        reportBetweenReads.Arm(async () => Assert.Equal(
            HttpStatusCode.NoContent, (await hr.PutAsJsonAsync(QualityResults, Report(QualityRuleResult.Failed, minutesAgo: 5))).StatusCode));
        using var http = catalog.CreateClient();
        var during = await http.GetFromJsonAsync<JsonElement>($"{CatalogApi.Prefix}/products/hr.employees");
        Assert.True(reportBetweenReads.Reported, "The failed run was not reported while the facts were read.");
        Assert.Equal(("passed", true), Judged(during));

        var after = await http.GetFromJsonAsync<JsonElement>($"{CatalogApi.Prefix}/products/hr.employees");
        Assert.Equal(("failed", false), Judged(after));
    }

    /// <summary>The rule's last outcome as listed, and the quality promise as judged, in one answer.</summary>
    private static (string? Last, bool Kept) Judged(JsonElement facts) => (
        facts.GetProperty("quality").EnumerateArray().Single().GetProperty("last").GetProperty("outcome").GetString(),
        facts.GetProperty("observed").GetProperty("qualityKept").GetBoolean());

    private static QualityResultsReportRequest Report(string outcome, int minutesAgo) => new("hr",
        [new QualityRuleResult("hr.employees", "hr.employees.events", "1.0.0", "ids-unique", "EmployeeHired.employeeId", "library",
            outcome, outcome == QualityRuleResult.Passed ? 0 : 2, "expected 0", DateTimeOffset.UtcNow.AddMinutes(-minutesAgo))]);

    /// <summary>Once armed, runs its report right after the catalog's next count of a product's rules (QualityRuns.CountsSql) was read.</summary>
    private sealed class ReportAfterCounting : DbCommandInterceptor
    {
        private Func<Task>? _report;

        public bool Reported { get; private set; }

        public void Arm(Func<Task> report) => _report = report;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("AS \"NotPassing\"", StringComparison.Ordinal) && Interlocked.Exchange(ref _report, null) is { } report)
            {
                await report();
                Reported = true;
            }

            return result;
        }
    }
}
