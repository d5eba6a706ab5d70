using System.Text.Json.Serialization;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Discovery;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Observations.Streaming;
using DataMesh.Catalog.People;
using DataMesh.Catalog.Registry;
using DataMesh.Catalog.Sql;
using DataMesh.Catalog.Sql.Federation;
using DataMesh.DataProducts;
using DataMesh.DomainServices.OpenApi;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataMesh.Catalog;

/// <summary>The catalog's services and its database, shared by the service and the tests that host it.</summary>
public static class CatalogServiceExtensions
{
    public const string Name = "catalog";

    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.AddDomainDatabase(Name);
        builder.Services.AddDbContext<CatalogDbContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.EnableRetryOnFailure()));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<DataProductRegistry>();
        builder.Services.AddScoped<PromiseObserver>();
        builder.Services.AddScoped<QualityRuns>();
        builder.Services.AddScoped<ProductSearch>();
        builder.Services.AddScoped<ProductFactsReader>();
        builder.Services.AddScoped<ContractHistory>();
        builder.Services.AddScoped<AccessDesk>();
        builder.Services.AddScoped<TeamDirectory>();
        builder.Services.AddScoped<CatalogCallerResolver>();
        builder.Services.AddSingleton<ServiceCredentials>();
        builder.Services.AddGatewayForwardedHeaders();
        builder.Services.AddScoped<TeamKeyProvisioning>();
        builder.Services.AddScoped<EdgePolicyReader>();
        builder.Services.AddScoped<ObservedTopics>();
        builder.Services.AddScoped<EventObservations>();
        builder.Services.AddSingleton<DaprPublishSubscribeClient>();
        builder.Services.AddSingleton<ObservationStreams>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ObservationStreams>());
        builder.Services.AddScoped<DeadLetterReplay>();
        builder.Services.AddHttpClient<IDeadLetterReplaySender, SidecarReplaySender>(SidecarReplaySender.HttpClientName);
        builder.Services.AddScoped<PromiseBreaches>();
        // Consumers' PostgreSQL logins and the SQL grants the domains apply; SqlGrantChanged goes out through the sidecar.
        builder.Services.AddDaprClient(client => client.UseGrpcChannelOptions(DataMesh.DataProducts.Publishing.SidecarPublisher.ChannelOptions));
        builder.Services.AddSingleton<SqlProvisioner>();
        builder.Services.AddSingleton<RegisteredSqlPorts>();
        builder.Services.AddScoped<SqlPortDirectory>();
        builder.Services.AddScoped<SqlGrantEvents>();
        builder.Services.AddScoped<SqlGrants>();
        builder.Services.AddScoped<SqlLogins>();
        builder.Services.AddScoped<SqlConnectionHints>();
        builder.Services.AddSingleton<SqlLoginDropper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SqlLoginDropper>());
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // A number is a JSON number, as in the domains: the web default also reads "5" as one, which leaves every number unbounded text.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        // The same document conventions as the domains' (the gateway's key, problems, bounds), and the sign-in cookie.
        builder.Services.AddOpenApi("v1", openApi => openApi
            .AddDocumentTransformer<EdgeSecurityDocument>()
            .AddDocumentTransformer<SignInCookieDocument>()
            .AddOperationTransformer<ListLimitOperation>()
            .AddSchemaTransformer<FormatBoundsSchema>()
            .AddSchemaTransformer<RegisteredDefinitionBoundsSchema>());
        builder.Services.AddRazorPages();
        builder.AddPeople();
        builder.AddMeshFederation();
        return builder;
    }

    /// <summary>
    /// Applies the catalog's migrations (the registry's and the people's), provisions the domain teams' keys and the first
    /// administrator before it serves anything: a catalog that cannot reach its database, or is given a bad team key,
    /// service credential or administrator, does not start.
    /// </summary>
    public static async Task PrepareCatalogDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        services.GetRequiredService<ServiceCredentials>().Validate();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Database.MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<TeamKeyProvisioning>().ProvisionAsync(cancellationToken);
        await scope.ServiceProvider.PreparePeopleAsync(cancellationToken);
    }
}
