using System.Net;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Registration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.Bench.EventFlow;

/// <summary>
/// The two domain services, wired as production wires them (<c>AddDataProducts</c>, <c>OnEvent</c>,
/// <c>MapDataProductSubscriptions</c>), each on its own database and talking to its own stand-in sidecar.
/// </summary>
internal static class FlowServices
{
    public const string Producer = "hr";
    public const string Consumer = "finance";
    public const string DataProduct = "hr.employees";
    public const string OutputPort = "employee-events";
    public const string PubSubName = "pubsub";

    /// <summary>HR: no HTTP endpoint of its own; its outbox relay publishes through <paramref name="sidecar"/>.</summary>
    public static async Task<IHost> StartProducerAsync(string connectionString, StandInSidecar sidecar, FlowOptions flow)
    {
        var builder = Host.CreateApplicationBuilder();
        Configure(builder, connectionString, sidecar, interceptor: null);
        builder.AddDataProducts<FlowDbContext>(Producer, options =>
        {
            Configure(options);
            options.Outbox.BatchSize = flow.RelayBatchSize;
            if (flow.RelayPollInterval is { } poll)
            {
                options.Outbox.PollInterval = poll;
            }
        });
        var host = builder.Build();
        await CreateDatabaseAsync(connectionString);
        await host.StartAsync();
        return host;
    }

    /// <summary>Finance: consumes hr.employees on input port <c>employees</c>, one payroll entry per event.</summary>
    public static async Task<WebApplication> StartConsumerAsync(string connectionString, int port, StandInSidecar sidecar, InboxCommitStamp stamp)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        Configure(builder, connectionString, sidecar, stamp);
        builder.AddDataProducts<FlowDbContext>(Consumer, Configure)
            .OnEvent<EmployeeHired>("employees", "EmployeeHired", (hired, consumed, db, _) =>
            {
                db.PayrollEntries.Add(new PayrollEntry { EmployeeId = hired.EmployeeId, EventId = consumed.Id, Salary = hired.Salary });
                return Task.CompletedTask;
            });
        var app = builder.Build();
        app.MapDataProductSubscriptions();
        await CreateDatabaseAsync(connectionString);
        await app.StartAsync();
        return app;
    }

    public static FlowDbContext CreateDbContext(string connectionString) =>
        new(new DbContextOptionsBuilder<FlowDbContext>().UseNpgsql(connectionString).Options);

    /// <summary>Stages one hire and its event in <paramref name="db"/>; the caller's SaveChanges commits both.</summary>
    public static Guid Hire(OutputPortPublisher port, FlowDbContext db)
    {
        var employee = Guid.NewGuid();
        var hired = EmployeeHired.For(employee);
        db.Employees.Add(new Employee { Id = employee, Email = hired.Email });
        return port.Publish(db, "EmployeeHired", employee.ToString(), hired).Id;
    }

    private static void Configure(DataProductsOptions options)
    {
        options.DefinitionsFolder = "Definitions";
        options.PubSubName = PubSubName;
        options.Catalog.Enabled = false;
    }

    private static void Configure(IHostApplicationBuilder builder, string connectionString, StandInSidecar sidecar, InboxCommitStamp? interceptor)
    {
        // Warnings and errors only: a relay or delivery failure must show, per-request logs would cost CPU.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = sidecar.GrpcEndpoint;
        builder.Configuration["DAPR_HTTP_ENDPOINT"] = sidecar.HttpEndpoint;

        builder.Services.AddDbContext<FlowDbContext>(options =>
        {
            // Retrying, as Aspire's AddNpgsqlDbContext configures a domain service's context.
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure());
            if (interceptor is not null)
            {
                options.AddInterceptors(interceptor);
            }
        });
    }

    private static async Task CreateDatabaseAsync(string connectionString)
    {
        await using var db = CreateDbContext(connectionString);
        await db.Database.EnsureCreatedAsync();
    }
}
