using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>
/// The platform a domain joins: the shared PostgreSQL server, the pub/sub, the catalog and the gateway.
/// <see cref="AddDomain{TProject}"/> is the one line that brings a domain into the mesh.
/// </summary>
public sealed class DataMeshBuilder(
    IDistributedApplicationBuilder builder,
    MeshPostgres postgres,
    IResourceBuilder<DaprComponentResource> pubSub,
    IResourceBuilder<ProjectResource> catalog,
    IResourceBuilder<ProjectResource> gateway)
{
    private readonly Dictionary<string, IResourceBuilder<ParameterResource>> _teamKeys = [];

    public IDistributedApplicationBuilder Builder { get; } = builder;

    /// <summary>
    /// Per domain, its team's own API key (the secret parameter <c>{name}-team-key</c>, generated and kept in user
    /// secrets unless set): the key that opens the domain's commands at the gateway.
    /// </summary>
    public IReadOnlyDictionary<string, IResourceBuilder<ParameterResource>> TeamKeys => _teamKeys;

    /// <summary>
    /// Adds a domain service: its own database (connection <c>{name}-db</c>), its Dapr sidecar on the mesh's
    /// pub/sub, the catalog it registers its data products with, the gateway route <c>/api/{name}/</c>, and a key
    /// for the team its data products name (see <see cref="TeamKeys"/>), which the catalog is given to recognise.
    /// </summary>
    public IResourceBuilder<ProjectResource> AddDomain<TProject>([ResourceName] string name) where TProject : IProjectMetadata, new()
    {
        var database = postgres.AddDatabase($"{name}-db", name);
        var domain = Builder.AddProject<TProject>(name)
            .WithHttpEndpoint()
            .WithHttpHealthCheck(HealthPath)
            .WithReference(database).WaitFor(database)
            .WithReference(catalog)
            .WithDaprSidecar(pubSub)
            // Stated either way, so that no environment name decides it: on for local runs, off in what is published.
            .WithEnvironment(DemoDataSetting.EnvironmentVariable, DemoData ? "true" : "false");
        gateway.WithGatewayRoute(name, $"/api/{name}/{{**rest}}", domain, GatewayAccess.Domain, domain: name);
        if (DomainTeam.Of(name, new TProject()) is { } team)
        {
            var key = Builder.AddParameter($"{name}-team-key", new GenerateParameterDefault { MinLength = 43, Special = false }, secret: true, persist: true);
            catalog.WithEnvironment($"Catalog__TeamKeys__{name}__Team", team).WithEnvironment($"Catalog__TeamKeys__{name}__Key", key);
            _teamKeys[name] = key;
        }

        return domain;
    }

    /// <summary>
    /// Whether the domains write their demo data: setting <c>Mesh:Demo:Data</c>, on by default when the AppHost runs the
    /// mesh and off by default in what it publishes (the manifest, <c>deploy/kubernetes</c>).
    /// </summary>
    public bool DemoData => Builder.Configuration.GetValue(DemoDataKey, Builder.ExecutionContext.IsRunMode);

    public const string DemoDataKey = "Mesh:Demo:Data";

    /// <summary>The readiness path every mesh service serves (ServiceDefaults maps it).</summary>
    public const string HealthPath = "/health";
}
