using System.Net;
using Aspire.Hosting;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Registration;
using DataMesh.DataProducts.Subscribing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Microsoft.Extensions.Hosting;

namespace DataMesh.Testing.EventFlow;

/// <summary>
/// A domain service as production wires it (<c>AddDataProducts</c> + <c>MapDataProductSubscriptions</c>) on a real
/// Kestrel port and its own database, talking to its own stand-in sidecar. The definitions are the pipeline tests'
/// <c>hr.employees</c> and <c>finance.payroll</c>, in a <c>Definitions</c> folder beside the running assembly.
/// </summary>
public sealed class DomainService : IAsyncDisposable
{
    public const string Hr = "hr";
    public const string Finance = "finance";
    public const string DataProduct = "hr.employees";
    public const string OutputPort = "employee-events";
    public const string Topic = "hr.employees.v1";

    private readonly WebApplication app;

    private DomainService(WebApplication app, string connectionString, int port)
    {
        this.app = app;
        ConnectionString = connectionString;
        Port = port;
    }

    public string ConnectionString { get; }

    public int Port { get; }

    public IServiceProvider Services => app.Services;

    public DataProductPublisher Publisher => app.Services.GetRequiredService<DataProductPublisher>();

    /// <summary>HR's output port of <c>hr.employees</c> events.</summary>
    public OutputPortPublisher EmployeeEvents => Publisher.OutputPort(DataProduct, OutputPort);

    /// <summary>HR: publishes hr.employees; its relay sends through <paramref name="sidecar"/>.</summary>
    public static Task<DomainService> StartHrAsync(string connectionString, StandInSidecar sidecar, DomainServiceSettings? settings = null) =>
        StartAsync(Hr, connectionString, sidecar, FreePort.Next(), settings ?? new(), _ => { });

    /// <summary>
    /// Finance: consumes hr.employees on input port <c>employees</c>, one payroll entry per event, on
    /// <paramref name="port"/> (the port its sidecar delivers to).
    /// </summary>
    public static Task<DomainService> StartFinanceAsync(string connectionString, StandInSidecar sidecar, int port, DomainServiceSettings? settings = null)
    {
        settings ??= new();
        return StartAsync(Finance, connectionString, sidecar, port, settings, dataProducts => dataProducts
            .OnEvent<HiredEvent>("employees", "EmployeeHired", (hired, consumed, db, _) => Pay(db, consumed, hired.EmployeeId, hired.Salary, settings))
            .OnEvent<ChangedEvent>("employees", "EmployeeChanged", (changed, consumed, db, _) => Pay(db, consumed, changed.EmployeeId, changed.Salary, settings)));
    }

    /// <summary>The definitions beside the running assembly, the stand-in's pub/sub, and no catalog to register with.</summary>
    public static void UseTestDefinitions(DataProductsOptions options)
    {
        options.DefinitionsFolder = "Definitions";
        options.PubSubName = PubSubResources.PubSubName;
        options.Catalog.Enabled = false;
    }

    /// <summary>HR's domain change: stages a new employee and its <c>EmployeeHired</c> event; the caller's SaveChanges commits both.</summary>
    public OutboxEvent Hire(DomainDbContext db, Guid employee)
    {
        var hire = NewHire.For(employee);
        db.Employees.Add(new Employee { Id = employee, Email = hire.Email });
        return EmployeeEvents.Publish(db, "EmployeeHired", employee.ToString(), hire);
    }

    /// <summary>A context on the service's database outside the service (no interceptors, no relay wake-up).</summary>
    public DomainDbContext CreateDbContext() => new(new DbContextOptionsBuilder<DomainDbContext>().UseNpgsql(ConnectionString).Options);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    public Task StopAsync() => app.StopAsync();

    private static Task Pay(DomainDbContext db, ConsumedEvent consumed, Guid employee, decimal salary, DomainServiceSettings settings)
    {
        if (settings.FailsTransiently?.Invoke(consumed) == true)
        {
            throw new InvalidOperationException($"Simulated failure applying event {consumed.Id}.");
        }

        db.PayrollEntries.Add(new PayrollEntry { EmployeeId = employee, EventType = consumed.Type, EventId = consumed.Id, Salary = salary });
        return Task.CompletedTask;
    }

    private static async Task<DomainService> StartAsync(
        string domain,
        string connectionString,
        StandInSidecar sidecar,
        int port,
        DomainServiceSettings settings,
        Action<DataProductsBuilder<DomainDbContext>> handlers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (settings.ConsoleLogLevel is { } level)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(level);
        }

        if (settings.Log is { } log)
        {
            builder.Logging.AddProvider(log);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Configuration["DAPR_GRPC_ENDPOINT"] = sidecar.GrpcEndpoint;
        builder.Configuration["DAPR_HTTP_ENDPOINT"] = sidecar.HttpEndpoint;
        builder.Configuration[MeshCredentials.AppApiTokenVariable] = sidecar.AppApiToken;
        builder.Services.AddDbContext<DomainDbContext>(options =>
        {
            // Retrying, as Aspire's AddNpgsqlDbContext configures a domain service's context.
            options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure());
            if (settings.Interceptor is not null)
            {
                options.AddInterceptors(settings.Interceptor);
            }
        });
        handlers(builder.AddDataProducts<DomainDbContext>(domain, options =>
        {
            UseTestDefinitions(options);
            settings.Configure?.Invoke(options);
        }));

        var app = builder.Build();
        app.MapDataProductSubscriptions();
        await using (var db = new DomainDbContext(new DbContextOptionsBuilder<DomainDbContext>().UseNpgsql(connectionString).Options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return new DomainService(app, connectionString, port);
    }
}
