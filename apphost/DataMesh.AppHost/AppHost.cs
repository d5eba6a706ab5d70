using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Aspire.Hosting.DataMesh;
using DataMesh.DataProducts.Registration;

var builder = DistributedApplication.CreateBuilder(args).AddKubernetesPublishing();

// Infrastructure, shared by every domain. Containers by default; Mesh:Infrastructure=local runs
// PostgreSQL from the machine's binaries and takes Kafka from ConnectionStrings:kafka.
var postgres = builder.AddMeshPostgres("postgres");
var kafka = builder.AddMeshKafka(MeshInfrastructureExtensions.KafkaName);

// Domains talk through events: Dapr pub/sub over Kafka, one sidecar per service.
var pubSub = builder.AddDaprPubSub("pubsub", "pubsub.kafka")
    .WithMetadata("brokers", kafka)
    .WithMetadata("authType", "none")
    .WithMetadata("initialOffset", "oldest");

// The self-serve platform: the data product catalog (its own database and UI) ...
var catalogDb = postgres.AddDatabase("catalog-db", "catalog");
var catalog = builder.AddProject<Projects.DataMesh_Catalog>("catalog")
    .WithHttpEndpoint()
    // It believes X-Forwarded-* from the gateway alone, by its service credential, never from anyone (Aspire's publish default).
    .DisableForwardedHeaders()
    .WithHttpHealthCheck(DataMeshBuilder.HealthPath)
    .WithReference(catalogDb).WaitFor(catalogDb)
    .WithDaprSidecar(pubSub)
    // People sign in: its first platform administrator and, when Mesh:Catalog:OpenIdConnect:Authority is set, an OpenID Connect provider.
    .WithPeopleSignIn();

// ... with one SQL session across the mesh: the `mesh` database of foreign tables (postgres_fdw) over every SQL port, and
// the role that creates consumers' PostgreSQL logins; both are the catalog's alone.
var sqlAccess = postgres.AddSqlAccess();
catalog.WithReference(sqlAccess.MeshDatabase).WaitFor(sqlAccess.MeshDatabase)
    .WithReference(sqlAccess.Provisioner).WaitFor(sqlAccess.Provisioner);

// ... and the edge: the one public entry, on a fixed port, where keys, grants, masking and rates are enforced.
var gatewayPort = builder.Configuration.GetValue("Mesh:Gateway:Port", 8080);
var gateway = builder.AddProject<Projects.DataMesh_Gateway>("gateway")
    // Not behind the orchestrator's proxy: the edge is the one hop in front of the services.
    .WithHttpEndpoint(port: gatewayPort, isProxied: false)
    .WithExternalHttpEndpoints()
    // It believes X-Forwarded-* only from the proxies its Edge settings name, never from anyone (Aspire's publish default).
    .DisableForwardedHeaders()
    .WithHttpHealthCheck(DataMeshBuilder.HealthPath)
    .WithEdgeSettings(builder.Configuration.GetSection("Mesh:Edge"))
    .WithGatewayRoute("catalog-api", "/api/catalog/{**rest}", catalog, GatewayAccess.Discovery)
    .WithGatewayRoute("catalog-ui", "/{**rest}", catalog, GatewayAccess.Open, order: int.MaxValue)
    .WithGatewayRoute("catalog-access-requests", "/api/catalog/v1/access-requests/{**rest}", catalog, GatewayAccess.Keyed)
    .WithGatewayRoute("catalog-teams", "/api/catalog/v1/teams/{**rest}", catalog, GatewayAccess.Keyed)
    .WithInternalPaths(catalog, [.. CatalogInternalPaths.Patterns]);

// The business domains: each owns its database, publishes data products, and is routed at /api/{name}/.
var mesh = new DataMeshBuilder(builder, postgres, pubSub, catalog, gateway);
mesh.AddDomain<Projects.Finance>("finance");
mesh.AddDomain<Projects.Hr>("hr");
mesh.AddDomain<Projects.Marketing>("marketing");

// Optional live traffic through the gateway's public API, for the dashboard and the catalog to show.
if (builder.Configuration.GetValue("Mesh:Demo:Traffic", false))
{
    var demo = builder.AddProject<Projects.DataMesh_DemoTraffic>("demo-traffic")
        .WithReference(gateway).WaitFor(gateway)
        .WithEnvironment("Demo__Rate", builder.Configuration["Mesh:Demo:Rate"] ?? "1");
    foreach (var (domain, key) in mesh.TeamKeys)
    {
        // It acts as each domain's own team, as the people of those teams would.
        demo.WithEnvironment($"Demo__TeamKeys__{domain}", key);
    }
}

return builder.Build().RunOrExplain();
