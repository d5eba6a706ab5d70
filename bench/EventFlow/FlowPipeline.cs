using Aspire.Hosting;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;
using Microsoft.Extensions.Logging;

namespace DataMesh.Bench.EventFlow;

/// <summary>
/// One complete pipeline for one <see cref="FlowMode"/>: fresh databases for both services, one resources path, the
/// consumer (finance) and its sidecar, then the producer (HR) and its sidecar, wired as the pipeline tests wire them
/// (<see cref="DomainService"/>). Stopped in the reverse order, so nothing publishes into a stopped sidecar or
/// delivers to a stopped app.
/// </summary>
internal sealed class FlowPipeline : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> running = [];
    private readonly PubSubResources resources = new();

    private FlowPipeline()
    {
    }

    public DomainService Producer { get; private set; } = null!;

    /// <summary>The process ids of both sidecars.</summary>
    public IReadOnlyList<int> SidecarProcessIds { get; private set; } = [];

    public static async Task<FlowPipeline> StartAsync(PostgresServerFixture postgres, FlowTimeline timeline, FlowOptions options, FlowMode mode)
    {
        var pipeline = new FlowPipeline();
        try
        {
            await pipeline.StartServicesAsync(postgres, timeline, options, mode);
            return pipeline;
        }
        catch
        {
            await pipeline.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        running.Reverse();
        foreach (var part in running)
        {
            await part.DisposeAsync();
        }

        resources.Dispose();
    }

    private async Task StartServicesAsync(PostgresServerFixture postgres, FlowTimeline timeline, FlowOptions options, FlowMode mode)
    {
        // The pub/sub's Resiliency the mesh ships, so the figures include what daprd does with it on the happy path.
        resources.WriteInboundResiliency(DataMeshBuilder.InboundRetry);
        var producerDatabase = await postgres.CreateDatabaseAsync(DomainService.Hr);
        var consumerDatabase = await postgres.CreateDatabaseAsync(DomainService.Finance);
        await SetSynchronousCommitAsync(postgres.ConnectionString, options.SynchronousCommit, producerDatabase, consumerDatabase);

        // The consumer's sidecar is healthy only once the app answers its subscriptions, so the app starts first.
        var consumerPort = FreePort.Next();
        var consumerSidecar = Keep(new StandInSidecar(DomainService.Finance, consumerPort, resources.Path));
        Keep(await DomainService.StartFinanceAsync(consumerDatabase, consumerSidecar, consumerPort, new DomainServiceSettings
        {
            Interceptor = new InboxCommitStamp(timeline),
            ConsoleLogLevel = LogLevel.Warning,
            Configure = dataProducts => dataProducts.Inbox.BulkSubscribe = mode.Bulk,
        }));
        await consumerSidecar.StartAsync();

        var producerSidecar = Keep(new StandInSidecar(DomainService.Hr, null, resources.Path));
        await producerSidecar.StartAsync();
        SidecarProcessIds = [consumerSidecar.ProcessId!.Value, producerSidecar.ProcessId!.Value];
        Producer = Keep(await DomainService.StartHrAsync(producerDatabase, producerSidecar, new DomainServiceSettings
        {
            Interceptor = new OutboxCommitStamp(timeline),
            ConsoleLogLevel = LogLevel.Warning,
            Configure = dataProducts =>
            {
                dataProducts.Outbox.BulkPublish = mode.Bulk;
                dataProducts.Outbox.BatchSize = options.RelayBatchSize;
                if (options.RelayPollInterval is { } poll)
                {
                    dataProducts.Outbox.PollInterval = poll;
                }
            },
        }));
    }

    private T Keep<T>(T part)
        where T : IAsyncDisposable
    {
        running.Add(part);
        return part;
    }

    // Set per database before any service connects, so that every session of both services runs with it.
    private static async Task SetSynchronousCommitAsync(string serverConnectionString, string value, params string[] databaseConnectionStrings)
    {
        await using var connection = new Npgsql.NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        foreach (var database in databaseConnectionStrings.Select(c => new Npgsql.NpgsqlConnectionStringBuilder(c).Database))
        {
            await using var alter = new Npgsql.NpgsqlCommand($"ALTER DATABASE \"{database}\" SET synchronous_commit = {value}", connection);
            await alter.ExecuteNonQueryAsync();
        }
    }
}
