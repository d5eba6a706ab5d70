using DataMesh.Contracts;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Quality;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.DataProducts.SqlPorts.Grants;
using DataMesh.DataProducts.Subscribing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DataMesh.DataProducts.Registration;

/// <summary>Everything a domain service needs to publish, consume and register its data products.</summary>
public static class DataProductsHostingExtensions
{
    /// <summary>
    /// Loads and checks the domain's definitions (failing the start when one is invalid), and registers the
    /// <see cref="DataProductPublisher"/>, the outbox relay, the input port subscriptions, the catalog
    /// registration and, for a domain with SQL ports, the reconciliation of their grants (<see cref="SqlGrantsSync{TDbContext}"/>). The domain's <typeparamref name="TDbContext"/> must be registered and its model must call
    /// <see cref="OutboxModel.AddDataProductOutbox"/> and <see cref="InboxModel.AddDataProductInbox"/>.
    /// A <see cref="Dapr.Client.DaprClient"/> is registered unless one already is; it finds the sidecar through
    /// <c>DAPR_GRPC_ENDPOINT</c> / <c>DAPR_HTTP_ENDPOINT</c> (configuration or environment), as Dapr sets them.
    /// </summary>
    public static DataProductsBuilder<TDbContext> AddDataProducts<TDbContext>(this IHostApplicationBuilder builder, string domain, Action<DataProductsOptions>? configure = null)
        where TDbContext : DbContext
    {
        var options = new DataProductsOptions { Domain = domain };
        options.DefinitionsFolder = builder.Configuration[DataProductsOptions.DefinitionsFolderKey] ?? options.DefinitionsFolder;
        options.Quality.Interval = builder.Configuration.GetValue<TimeSpan?>(QualityRulesOptions.IntervalKey) ?? options.Quality.Interval;
        options.Catalog.SqlGrantsInterval = builder.Configuration.GetValue<TimeSpan?>(CatalogRegistrationOptions.SqlGrantsIntervalKey) ?? options.Catalog.SqlGrantsInterval;
        configure?.Invoke(options);
        foreach (var (key, interval) in new[] { (QualityRulesOptions.IntervalKey, options.Quality.Interval), (CatalogRegistrationOptions.SqlGrantsIntervalKey, options.Catalog.SqlGrantsInterval) })
        {
            if (interval <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"{key} is {interval}; it must be longer than zero.");
            }
        }

        // Loaded now, not on first use, so an invalid definition stops the service before it serves anything.
        var catalogue = DataProductCatalogueLoader.Load(options.DefinitionsPath, options.Domain);
        var subscriptions = new DataProductSubscriptions(catalogue, options);
        var handlers = new InputPortHandlers<TDbContext>();
        var sqlPorts = new DomainSqlPorts(catalogue, options);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(catalogue);
        services.AddSingleton(subscriptions);
        services.AddSingleton(handlers);
        services.AddSingleton(sqlPorts);
        services.AddSingleton<SqlGrantsNudge>();
        services.AddSingleton<SqlGrantChangedDelivery>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DataProductPublisher>();
        services.AddSingleton<InboxWriter<TDbContext>>();
        services.AddSingleton<IInputPortDelivery, InboxDelivery<TDbContext>>();
        if (!services.Any(s => s.ServiceType == typeof(Dapr.Client.DaprClient)))
        {
            services.AddDaprClient(client => client.UseGrpcChannelOptions(SidecarPublisher.ChannelOptions));
        }

        // Every context the service resolves wakes the relay when it commits outbox rows.
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitInterceptor>();
        services.ConfigureDbContext<TDbContext>((provider, dbContext) => dbContext.AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor>()));
        if (options.Outbox.Enabled)
        {
            services.AddSingleton<SidecarPublisher>();
            services.AddHostedService<OutboxRelay<TDbContext>>();
        }

        if (options.Catalog.Enabled)
        {
            services.AddHttpClient(CatalogRegistration.HttpClientName).AddMeshServiceCredential();
            services.AddSingleton<CatalogRegistration>();
            services.AddHostedService(sp => sp.GetRequiredService<CatalogRegistration>());
            if (options.Outbox.Enabled)
            {
                services.AddSingleton<ParkedEventsReport<TDbContext>>();
                services.AddHostedService(sp => sp.GetRequiredService<ParkedEventsReport<TDbContext>>());
            }

            if (options.Quality.Enabled)
            {
                services.AddHostedService<ScheduledQualityRules<TDbContext>>();
            }

            // The grants come from the catalog: without it, the ports keep what their database says.
            if (sqlPorts.All.Count > 0)
            {
                services.AddSingleton<SqlGrantsReconciler>();
                services.AddHostedService<SqlGrantsSync<TDbContext>>();
            }
        }

        return new DataProductsBuilder<TDbContext>(options, catalogue, subscriptions, handlers);
    }

    /// <summary>
    /// Maps <c>GET /dapr/subscribe</c> (two subscriptions per input port: the upstream contract's topic and the
    /// consumer's replay topic, both to the port's route, with the consumer's dead-letter topic; and, for a domain with SQL
    /// ports that takes its grants from the catalog, the catalog's <see cref="SqlGrantChanged.Topic"/>) and the routes the sidecar delivers to. A service using this does not also map
    /// Dapr.AspNetCore's <c>MapSubscribeHandler</c>, which would claim the same path. They answer only the app's own
    /// sidecar (the Dapr app API token, <c>APP_API_TOKEN</c>): anyone else inside the network gets 401.
    /// </summary>
    public static IEndpointRouteBuilder MapDataProductSubscriptions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/dapr/subscribe", (DataProductSubscriptions subscriptions, DomainSqlPorts sqlPorts, DataProductsOptions options) =>
            Results.Json(subscriptions.All.SelectMany(s => new[] { s.Topic, s.ReplayTopic }, (s, topic) => new DaprSubscription(
                options.PubSubName,
                topic,
                s.Route,
                s.DeadLetterTopic,
                options.Inbox.BulkSubscribe
                    ? new DaprBulkSubscribe(true, options.Inbox.MaxMessagesCount, (int)options.Inbox.MaxAwaitDuration.TotalMilliseconds)
                    : null))
                // An event that is not a grant change is dropped, not dead-lettered: it carries nothing to replay.
                .Concat(sqlPorts.All.Count > 0 && options.Catalog.Enabled
                    ? [new DaprSubscription(options.PubSubName, SqlGrantChanged.Topic, SqlGrantChangedDelivery.Route, null, null)]
                    : []), DaprSubscription.JsonOptions))
            // For the sidecar only: not in the service's public document.
            .ExcludeFromDescription()
            .RequireDaprAppToken();
        endpoints.MapPost("/dataproducts/{dataProductId}/inputs/{inputPort}",
            (string dataProductId, string inputPort, HttpRequest request, IInputPortDelivery delivery, CancellationToken cancellationToken) =>
                delivery.DeliverAsync(dataProductId, inputPort, request, cancellationToken))
            .ExcludeFromDescription()
            .RequireDaprAppToken();
        endpoints.MapPost(SqlGrantChangedDelivery.Route, (HttpRequest request, SqlGrantChangedDelivery delivery, CancellationToken cancellationToken) =>
                delivery.DeliverAsync(request, cancellationToken))
            .ExcludeFromDescription()
            .RequireDaprAppToken();
        return endpoints;
    }
}
