using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QualityRulesOptions = DataMesh.DataProducts.Quality.QualityRulesOptions;

namespace DataMesh.DataProducts.Tests.Quality;

/// <summary>
/// A domain service (hr) whose own contract declares quality rules on its employees table runs the scheduled ones
/// against its real database and reports them to an HTTP catalog with its service credential, again when the catalog
/// first refuses.
/// </summary>
public sealed class ScheduledQualityRulesTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private const string Credential = "hr-service-credential";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly DefinitionsFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task The_scheduled_rules_of_the_domains_own_contract_are_reported_to_the_catalog_with_the_service_credential()
    {
        var database = await QualityCheckTests.EmployeesDatabaseAsync(postgres);
        folder.Replace(DefinitionsFolder.EmployeesContract, "slaProperties:", TableWithRules + "slaProperties:");
        await using var catalog = await QualityCatalog.StartAsync(HttpStatusCode.ServiceUnavailable, HttpStatusCode.NoContent);
        using var service = await StartServiceAsync(database, catalog.Address);

        await Eventually.TrueAsync(() => catalog.Reports.Count >= 2, Deadline, () => $"The catalog got {catalog.Reports.Count} quality report(s).");

        // The first report was refused, so the second carries the same results.
        var reports = catalog.Reports.ToList();
        Assert.Equal(reports[0].Body, reports[1].Body);
        Assert.All(reports, r => Assert.Equal(Credential, r.Credential));
        var report = JsonSerializer.Deserialize<QualityResultsReportRequest>(reports[1].Body, JsonSerializerOptions.Web)!;
        Assert.Equal("hr", report.Domain);
        Assert.All(report.Results, r => Assert.NotEqual("error", r.Outcome + ": " + r.Detail));
        Assert.Equal(
            [
                ("employees-exist", "employees", "sql", "passed", (decimal?)6m, "measured 6; expected mustBeGreaterThan 0"),
                ("email-present", "employees.email", "nullValues", "failed", 1m, "measured 1 rows; expected mustBe 0"),
            ],
            report.Results.Select(r => (r.RuleId, r.Element, r.Kind, r.Outcome, r.MeasuredValue, r.Detail)));
        Assert.All(report.Results, r => Assert.Equal(("hr.employees", "hr.employees.events", "1.0.0"), (r.DataProductId, r.ContractId, r.ContractVersion)));
    }

    [Fact]
    public async Task With_an_interval_set_every_scheduled_rule_runs_that_often_instead_of_at_its_cron_times()
    {
        var database = await QualityCheckTests.EmployeesDatabaseAsync(postgres);
        folder.Replace(DefinitionsFolder.EmployeesContract, "slaProperties:", TableWithRules + "slaProperties:");
        await using var catalog = await QualityCatalog.StartAsync(HttpStatusCode.NoContent);
        using var service = await StartServiceAsync(database, catalog.Address, (QualityRulesOptions.IntervalKey, "00:00:00.200"));

        // At their cron times (every 5 minutes, daily) the rules would run once in this wait, at the start.
        await Eventually.TrueAsync(() => catalog.Reports.Count >= 3, Deadline, () => $"The catalog got {catalog.Reports.Count} quality report(s).");

        var runs = catalog.Reports.Take(3)
            .Select(r => JsonSerializer.Deserialize<QualityResultsReportRequest>(r.Body, JsonSerializerOptions.Web)!)
            .Select(r => r.Results.Single(result => result.RuleId == "email-present").CheckedAt)
            .ToList();
        Assert.Equal(3, runs.Distinct().Count());
    }

    /// <summary>A table object for the hr contract: two scheduled rules and one without a schedule, which the platform leaves to <c>datamesh test</c>.</summary>
    private const string TableWithRules =
        """
          - name: employees
            logicalType: object
            physicalType: table
            physicalName: employees
            properties:
              - name: email
                description: Work e-mail address.
                logicalType: string
                physicalName: Email
                required: true
                classification: confidential
                quality:
                  - id: email-present
                    metric: nullValues
                    mustBe: 0
                    schedule: 0 20 * * *
            quality:
              - id: employees-exist
                type: sql
                query: SELECT count(*) FROM {object}
                mustBeGreaterThan: 0
                scheduler: cron
                schedule: '*/5 * * * *'
              - id: on-demand-only
                metric: rowCount
                mustBe: 0

        """;

    private async Task<IHost> StartServiceAsync(string connectionString, Uri catalog, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration[MeshCredentials.ServiceCredentialKey] = Credential;
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddDbContext<DomainDbContext>(options => options.UseNpgsql(connectionString));
        builder.AddDataProducts<DomainDbContext>(DomainService.Hr, options =>
        {
            options.DefinitionsFolder = folder.Path;
            options.Outbox.Enabled = false;
            options.Catalog.Address = catalog;
            options.Catalog.MinRetryDelay = TimeSpan.FromMilliseconds(20);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Accepts registrations and answers quality reports with the scripted status codes in turn, keeping each body and credential.</summary>
    private sealed class QualityCatalog : IAsyncDisposable
    {
        private CatalogStandIn server = null!;

        public Uri Address => server.Address;

        public ConcurrentQueue<(string Body, string? Credential)> Reports { get; } = new();

        public static async Task<QualityCatalog> StartAsync(params HttpStatusCode[] answers)
        {
            var catalog = new QualityCatalog();
            var paths = new CatalogRegistrationOptions();
            catalog.server = await CatalogStandIn.StartAsync(app =>
            {
                app.MapPost(paths.Path, () => Results.StatusCode(StatusCodes.Status201Created));
                app.MapPut(paths.QualityResultsPath, async (HttpRequest request) =>
                {
                    using var reader = new StreamReader(request.Body);
                    catalog.Reports.Enqueue((await reader.ReadToEndAsync(), request.Headers[MeshHeaders.ServiceCredential].SingleOrDefault()));
                    return Results.StatusCode((int)answers[Math.Min(catalog.Reports.Count, answers.Length) - 1]);
                });
            });
            return catalog;
        }

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}
