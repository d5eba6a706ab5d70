using Aspire.Hosting;
using DataMesh.Testing;
using System.Net;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Registration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>
/// A domain service as production wires it (<c>AddDataProducts</c> + <c>MapDataProductSubscriptions</c>) on a
/// real Kestrel port and its own database, talking to its own stand-in sidecar.
/// </summary>
internal sealed class DomainService : IAsyncDisposable
{
    private readonly WebApplication app;

    private DomainService(WebApplication app, string connectionString)
    {
        this.app = app;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public DataProductPublisher Publisher => app.Services.GetRequiredService<DataProductPublisher>();

    /// <summary>The definitions the tests copy next to themselves: hr.employees, and finance.payroll consuming it.</summary>
    public static void Configure(DataProductsOptions options)
    {
        options.DefinitionsFolder = "Definitions";
        options.PubSubName = Broker.PubSubName;
        options.Catalog.Enabled = false;
        options.Outbox.PollInterval = TimeSpan.FromMilliseconds(50);
        options.Outbox.MinRetryDelay = TimeSpan.FromMilliseconds(50);
        options.Outbox.MaxRetryDelay = TimeSpan.FromMilliseconds(400);
    }

    /// <summary>HR: publishes hr.employees; its relay sends through <paramref name="sidecar"/>.</summary>
    public static Task<DomainService> StartHrAsync(string connectionString, Sidecar sidecar, int batchSize = 100, IInterceptor? interceptor = null) =>
        StartAsync("hr", connectionString, sidecar, FreePort.Next(), interceptor, options => options.Outbox.BatchSize = batchSize, _ => { });

    /// <summary>Finance: consumes hr.employees on input port <c>employees</c>, one payroll entry per event.</summary>
    public static Task<DomainService> StartFinanceAsync(string connectionString, Sidecar sidecar, int port) =>
        StartAsync("finance", connectionString, sidecar, port, null, _ => { }, dataProducts => dataProducts
            .OnEvent<HiredEvent>("employees", "EmployeeHired", (hired, consumed, db, _) =>
            {
                db.PayrollEntries.Add(new PayrollEntry { EmployeeId = hired.EmployeeId, EventType = consumed.Type, EventId = consumed.Id, Salary = hired.Salary });
                return Task.CompletedTask;
            })
            .OnEvent<ChangedEvent>("employees", "EmployeeChanged", (changed, consumed, db, _) =>
            {
                db.PayrollEntries.Add(new PayrollEntry { EmployeeId = changed.EmployeeId, EventType = consumed.Type, EventId = consumed.Id, Salary = changed.Salary });
                return Task.CompletedTask;
            }));

    public DomainDbContext CreateDbContext() => new(new DbContextOptionsBuilder<DomainDbContext>().UseNpgsql(ConnectionString).Options);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    public Task StopAsync() => app.StopAsync();

    private static async Task<DomainService> StartAsync(
        string domain,
        string connectionString,
        Sidecar sidecar,
        int port,
        IInterceptor? interceptor,
        Action<DataProductsOptions> configure,
        Action<DataProductsBuilder<DomainDbContext>> handlers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = sidecar.GrpcEndpoint;
        builder.Configuration["DAPR_HTTP_ENDPOINT"] = sidecar.HttpEndpoint;
        builder.Services.AddDbContext<DomainDbContext>(options =>
        {
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure());
            if (interceptor is not null)
            {
                options.AddInterceptors(interceptor);
            }
        });
        handlers(builder.AddDataProducts<DomainDbContext>(domain, options =>
        {
            Configure(options);
            configure(options);
        }));

        var app = builder.Build();
        app.MapDataProductSubscriptions();
        await using (var db = new DomainDbContext(new DbContextOptionsBuilder<DomainDbContext>().UseNpgsql(connectionString).Options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return new DomainService(app, connectionString);
    }
}

internal sealed record HiredEvent(Guid EmployeeId, decimal Salary);

internal sealed record ChangedEvent(Guid EmployeeId, decimal Salary);
