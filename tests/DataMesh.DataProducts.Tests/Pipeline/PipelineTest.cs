using Aspire.Hosting;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>
/// What every pipeline test stands on: a throwaway database each for HR and finance, one resources path (so the
/// sidecars share the stand-in's topic files), and finance running with its sidecar, consuming hr.employees.
/// HR and its sidecar are started by each test, as the scenario needs. Everything started is stopped in reverse.
/// The delivery metrics are the process's, so pipeline test classes share a collection and run one at a time.
/// </summary>
public abstract class PipelineTest(PostgresServerFixture postgres) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> running = [];

    protected PubSubResources Resources { get; } = new();

    protected DeliveryMetrics Metrics { get; } = new();

    protected string HrDatabase { get; private set; } = string.Empty;

    protected string FinanceDatabase { get; private set; } = string.Empty;

    protected int FinancePort { get; private set; }

    protected StandInSidecar FinanceSidecar { get; private set; } = null!;

    protected DomainService Finance { get; private set; } = null!;

    /// <summary>Whether commits wait for their WAL flush (PostgreSQL's default).</summary>
    protected virtual bool WaitForFlush => true;

    /// <summary>How finance runs; the test timings unless a test class needs more.</summary>
    protected virtual DomainServiceSettings FinanceSettings => new() { Configure = TestTimings };

    public async Task InitializeAsync()
    {
        // As daprd, the stand-in dead-letters an event at its first RETRY unless a Resiliency gives the pub/sub's inbound
        // direction retries: the mesh ships one; these tests retry quickly and without limit.
        Resources.WriteInboundResiliency(new Dictionary<string, string> { ["policy"] = "constant", ["duration"] = "100ms", ["maxRetries"] = "-1" });
        HrDatabase = await CreateDatabaseAsync("hr");
        FinanceDatabase = await CreateDatabaseAsync("finance");
        FinancePort = FreePort.Next();
        FinanceSidecar = Keep(new StandInSidecar(DomainService.Finance, FinancePort, Resources.Path));
        await StartFinanceAsync();
        await FinanceSidecar.StartAsync();
    }

    public async Task DisposeAsync()
    {
        running.Reverse();
        foreach (var part in running)
        {
            await part.DisposeAsync();
        }

        Metrics.Dispose();
        Resources.Dispose();
    }

    /// <summary>Relay timings short enough for tests: a 50 ms poll, retries from 50 ms up to 400 ms.</summary>
    protected static void TestTimings(DataProductsOptions options)
    {
        options.Outbox.PollInterval = TimeSpan.FromMilliseconds(50);
        options.Outbox.MinRetryDelay = TimeSpan.FromMilliseconds(50);
        options.Outbox.MaxRetryDelay = TimeSpan.FromMilliseconds(400);
    }

    /// <summary>(Re)starts finance on its port, as a restarted replica would come back.</summary>
    protected async Task StartFinanceAsync() =>
        Finance = Keep(await DomainService.StartFinanceAsync(FinanceDatabase, FinanceSidecar, FinancePort, FinanceSettings));

    /// <summary>A sidecar that only publishes, started.</summary>
    protected async Task<StandInSidecar> StartPublishingSidecarAsync(string appId = DomainService.Hr)
    {
        var sidecar = Keep(new StandInSidecar(appId, null, Resources.Path));
        await sidecar.StartAsync();
        return sidecar;
    }

    /// <summary>
    /// HR, publishing through <paramref name="sidecar"/>, else through a sidecar of its own; with <paramref name="relay"/>
    /// false, HR only writes (its relay and its own sidecar are not running).
    /// </summary>
    protected async Task<DomainService> StartHrAsync(StandInSidecar? sidecar = null, DomainServiceSettings? settings = null, bool relay = true)
    {
        if (sidecar is null)
        {
            sidecar = Keep(new StandInSidecar(DomainService.Hr, null, Resources.Path));
            if (relay)
            {
                await sidecar.StartAsync();
            }
        }

        var hr = Keep(await DomainService.StartHrAsync(HrDatabase, sidecar, settings ?? new() { Configure = TestTimings }));
        if (!relay)
        {
            await hr.StopAsync();
        }

        return hr;
    }

    protected async Task<int> AppliedAsync()
    {
        await using var db = Finance.CreateDbContext();
        return await db.PayrollEntries.CountAsync();
    }

    protected Task UntilAppliedAsync(int count, TimeSpan deadline) => Eventually.TrueAsync(
        async () => await AppliedAsync() >= count,
        deadline,
        () => $"Finance did not apply {count} event(s) in {deadline.TotalSeconds} s. {Metrics.Summary}");

    protected static OutboxEvent Change(DomainService hr, DomainDbContext db, Guid employee, int salary) =>
        hr.EmployeeEvents.Publish(db, "EmployeeChanged", employee.ToString(), new { employeeId = employee, salary, changedAt = DateTimeOffset.UtcNow });

    protected T Keep<T>(T part)
        where T : IAsyncDisposable
    {
        lock (running)
        {
            running.Add(part);
        }

        return part;
    }

    /// <summary>
    /// Without waiting for the flush, commits are cheap on these throwaway databases: the tests crash services and
    /// sidecars, never the database server.
    /// </summary>
    private async Task<string> CreateDatabaseAsync(string prefix)
    {
        var connectionString = await postgres.CreateDatabaseAsync(prefix);
        if (!WaitForFlush)
        {
            var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database;
            await using var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{database}\" SET synchronous_commit = off", connection);
            await command.ExecuteNonQueryAsync();
        }

        return connectionString;
    }
}

[CollectionDefinition(nameof(PipelineTest))]
public sealed class PipelineTestCollection;
