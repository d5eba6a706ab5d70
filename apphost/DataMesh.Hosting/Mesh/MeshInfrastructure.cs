using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.DataMesh;

/// <summary>
/// Where the mesh's infrastructure comes from, chosen by <c>Mesh:Infrastructure</c>:
/// containers (the default: PostgreSQL, Kafka and their UIs in containers) or local
/// (no container engine: PostgreSQL from the machine's binaries, Kafka from <c>ConnectionStrings:kafka</c>).
/// </summary>
public enum MeshInfrastructure
{
    Containers,
    Local,
}

public static class MeshInfrastructureConfiguration
{
    public const string Key = "Mesh:Infrastructure";

    public static MeshInfrastructure Read(IConfiguration configuration) => configuration[Key]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "containers" => MeshInfrastructure.Containers,
        "local" => MeshInfrastructure.Local,
        var other => throw new DistributedApplicationException($"{Key} is '{other}'; it must be 'containers' (the default) or 'local'."),
    };
}
