using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh;
using DataMesh.DataProducts.Quality;
using DataMesh.DataProducts.Registration;
using DataMesh.DataProducts.SqlPorts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// The platform a domain joins: the shared PostgreSQL server, the pub/sub, the catalog and the gateway.
/// <see cref="AddDomain{TProject}"/> is the one line that brings a domain into the mesh.
/// </summary>
public sealed class DataMeshBuilder
{
    private readonly Dictionary<string, IResourceBuilder<ParameterResource>> _teamKeys = [];
    private readonly MeshPostgres _postgres;
    private readonly IResourceBuilder<DaprComponentResource> _pubSub;
    private readonly IResourceBuilder<ProjectResource> _catalog;
    private readonly IResourceBuilder<ProjectResource> _gateway;

    /// <summary>
    /// Gives the gateway its service credential, starts the pub/sub's topic scopes with the catalog, which
    /// publishes the SQL grant changes (<see cref="SqlGrantChanged.Topic"/>) and subscribes to what each domain adds
    /// (<see cref="AddDomain{TProject}"/>), and gives the pub/sub the mesh's <see cref="InboundRetry"/>.
    /// </summary>
    public DataMeshBuilder(
        IDistributedApplicationBuilder builder,
        MeshPostgres postgres,
        IResourceBuilder<DaprComponentResource> pubSub,
        IResourceBuilder<ProjectResource> catalog,
        IResourceBuilder<ProjectResource> gateway)
    {
        Builder = builder;
        _postgres = postgres;
        _pubSub = pubSub;
        _catalog = catalog;
        _gateway = gateway;
        WithServiceCredential(gateway);
        // The catalog tells the domains that a SQL grant changed; each domain then asks for its products' grants.
        pubSub.WithTopicScopes(catalog.Resource.Name, publishes: [SqlGrantChanged.Topic], subscribes: [])
            .WithInboundRetry(InboundRetry);
    }

    /// <summary>
    /// How the sidecars retry an event its consumer refused before they dead-letter it. daprd's waits grow from 0.5 s by
    /// 1.5 each time up to 10 s: 0.5, 0.75, 1.1, 1.7, 2.5, 3.8, 5.7, 8.5 s, then 10 s for each of the 10 retries left, about
    /// 125 s in all (62 s to 187 s as daprd's ±50 % draws fall). So a consumer whose database restarts (20 s in issue 16's
    /// test) or is down for a minute gets its events once it is back, while an event it can never apply holds its
    /// partition about two minutes before it reaches the dead-letter topic.
    /// </summary>
    public static readonly DaprInboundRetry InboundRetry = new(TimeSpan.FromSeconds(10), maxRetries: 18);

    public IDistributedApplicationBuilder Builder { get; }

    /// <summary>
    /// Per domain, its team's own API key (the secret parameter <c>{name}-team-key</c>, generated and kept in user
    /// secrets unless set): the key that opens the domain's commands at the gateway.
    /// </summary>
    public IReadOnlyDictionary<string, IResourceBuilder<ParameterResource>> TeamKeys => _teamKeys;

    /// <summary>
    /// Adds a domain service: its own database (connection <c>{name}-db</c>, which the catalog's mesh database federates), its
    /// Dapr sidecar on the mesh's pub/sub (publishing its output and dead-letter topics, subscribing to its input and replay
    /// topics and the SQL grant changes, nothing else), the
    /// catalog it registers its data products with (proving who it is with its service credential), the gateway route
    /// <c>/api/{name}/</c>, and a key for the team its data products name (see <see cref="TeamKeys"/>), which the
    /// catalog is given to recognise.
    /// </summary>
    public IResourceBuilder<ProjectResource> AddDomain<TProject>([ResourceName] string name) where TProject : IProjectMetadata, new()
    {
        var database = _postgres.AddDatabase($"{name}-db", name);
        var domain = Builder.AddProject<TProject>(name)
            .WithHttpEndpoint()
            .WithHttpHealthCheck(HealthPath)
            // Nothing in a domain depends on the caller's address, host or scheme (its OpenAPI server is "/", its links
            // relative): it believes no X-Forwarded-* at all, rather than Aspire's publish default of believing anyone's.
            .DisableForwardedHeaders()
            .WithReference(database).WaitFor(database)
            .WithReference(_catalog)
            .WithDaprSidecar(_pubSub)
            // Stated either way, so that no environment name decides it: on for local runs, off in what is published.
            .WithEnvironment(DemoDataSetting.EnvironmentVariable, DemoData ? "true" : "false");
        if (Builder.Configuration[QualityIntervalKey] is { Length: > 0 } qualityInterval)
        {
            domain.WithSetting(QualityRulesOptions.IntervalKey, qualityInterval);
        }

        if (Builder.Configuration[SqlGrantsIntervalKey] is { Length: > 0 } sqlGrantsInterval)
        {
            domain.WithSetting(CatalogRegistrationOptions.SqlGrantsIntervalKey, sqlGrantsInterval);
        }

        var credential = WithServiceCredential(domain);
        _gateway.WithGatewayRoute(name, $"/api/{name}/{{**rest}}", domain, GatewayAccess.Domain, domain: name);

        var topics = DomainTopics.Of(name, new TProject());
        // Every domain hears of SQL grant changes: a domain without SQL ports ignores them.
        _pubSub.WithTopicScopes(name, topics.Publishes, topics.Subscribes.Append(SqlGrantChanged.Topic))
            // The catalog observes every product's events and what each consumer refused, and replays dead letters.
            .WithTopicScopes(_catalog.Resource.Name, publishes: topics.Replays, subscribes: topics.Publishes);
        domain.WithDeadLetterReplay(_catalog, credential, topics.Consumers);
        // The catalog's mesh database federates each domain's database (one foreign server each).
        _catalog.WithSetting($"{CatalogSettingKeys.MeshDomainDatabases}:{name}", name);

        if (DomainTeam.Of(name, new TProject()) is { } team)
        {
            var key = Builder.AddGeneratedSecret($"{name}-team-key");
            _catalog.WithSetting($"{CatalogSettingKeys.TeamKeys}:{name}:{CatalogSettingKeys.TeamKeyTeam}", team)
                .WithSetting($"{CatalogSettingKeys.TeamKeys}:{name}:{CatalogSettingKeys.TeamKeyKey}", key);
            _teamKeys[name] = key;
        }

        return domain;
    }

    /// <summary>
    /// The secret parameter <c>{service}-service-credential</c> (generated, kept in user secrets unless set): the service
    /// sends it on its calls to the catalog (<see cref="MeshCredentials.ServiceCredentialKey"/>), and the catalog knows
    /// the calling service by it (<see cref="CatalogSettingKeys.ServiceCredentials"/>).
    /// </summary>
    private IResourceBuilder<ParameterResource> WithServiceCredential(IResourceBuilder<ProjectResource> service)
    {
        var name = service.Resource.Name;
        var credential = Builder.AddGeneratedSecret($"{name}-service-credential");
        service.WithSetting(MeshCredentials.ServiceCredentialKey, credential);
        _catalog.WithSetting($"{CatalogSettingKeys.ServiceCredentials}:{name}", credential);
        return credential;
    }

    /// <summary>
    /// Whether the domains write their demo data: setting <c>Mesh:Demo:Data</c>, on by default when the AppHost runs the
    /// mesh and off by default in what it publishes (the manifest, <c>deploy/kubernetes</c>).
    /// </summary>
    public bool DemoData => Builder.Configuration.GetValue(DemoDataKey, Builder.ExecutionContext.IsRunMode);

    public const string DemoDataKey = "Mesh:Demo:Data";

    /// <summary>
    /// Setting that makes every domain run its scheduled quality rules this often (a <see cref="TimeSpan"/>) instead of at
    /// their cron times (<see cref="QualityRulesOptions.Interval"/>): for a run that must see a promise breached and kept
    /// within seconds. Unset, nothing is passed and the contracts' schedules hold.
    /// </summary>
    public const string QualityIntervalKey = "Mesh:Quality:Interval";

    /// <summary>
    /// Setting that makes every domain read its SQL ports' grants from the catalog this often (a <see cref="TimeSpan"/>)
    /// beside each <c>SqlGrantChanged</c> event (<see cref="CatalogRegistrationOptions.SqlGrantsInterval"/>, one minute
    /// unset): a run that must prove the event path sets it long.
    /// </summary>
    public const string SqlGrantsIntervalKey = "Mesh:SqlGrants:Interval";

    /// <summary>The readiness path every mesh service serves (ServiceDefaults maps it).</summary>
    public const string HealthPath = ServiceDefaultsExtensions.HealthPath;
}
