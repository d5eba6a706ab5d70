using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh;

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
    public IDistributedApplicationBuilder Builder { get; } = builder;

    /// <summary>
    /// Adds a domain service: its own database (connection <c>{name}-db</c>), its Dapr sidecar on the mesh's
    /// pub/sub, the catalog it registers its data products with, and the gateway route <c>/api/{name}/</c>.
    /// </summary>
    public IResourceBuilder<ProjectResource> AddDomain<TProject>([ResourceName] string name) where TProject : IProjectMetadata, new()
    {
        var database = postgres.AddDatabase($"{name}-db", name);
        var domain = Builder.AddProject<TProject>(name)
            .WithHttpEndpoint()
            .WithHttpHealthCheck(HealthPath)
            .WithReference(database).WaitFor(database)
            .WithReference(catalog)
            .WithDaprSidecar(pubSub);
        gateway.WithGatewayRoute(name, $"/api/{name}/{{**rest}}", domain);
        return domain;
    }

    /// <summary>The readiness path every mesh service serves (ServiceDefaults maps it).</summary>
    public const string HealthPath = "/health";
}
