using Testcontainers.PostgreSql;

namespace DataMesh.Testing;

/// <summary>PostgreSQL in a container, through Testcontainers, where a Docker engine is available.</summary>
internal sealed class ContainerPostgres(PostgreSqlContainer container) : IThrowawayPostgres
{
    public string ConnectionString => container.GetConnectionString();

    public string Kind => "container";

    public static async Task<ContainerPostgres> StartAsync()
    {
        var container = new PostgreSqlBuilder("postgres:17").Build();
        await container.StartAsync();
        return new ContainerPostgres(container);
    }

    public ValueTask DisposeAsync() => container.DisposeAsync();
}
