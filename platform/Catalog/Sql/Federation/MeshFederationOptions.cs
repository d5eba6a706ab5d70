using DataMesh.DataProducts.SqlPorts;
using Npgsql;

namespace DataMesh.Catalog.Sql.Federation;

/// <summary>
/// What the mesh federation needs: the mesh database as its owner (connection <see cref="SqlPortConnections.MeshDatabase"/>),
/// whose host and port are also where the foreign servers point (the domains' databases share the server), and the domains'
/// databases (<see cref="CatalogSettingKeys.MeshDomainDatabases"/>), one foreign server each, named after the database.
/// </summary>
public sealed class MeshFederationOptions
{
    public required string MeshConnectionString { get; init; }

    /// <summary>Where the foreign servers read from: <see cref="CatalogSettingKeys.MeshReadHost"/>, else the mesh database's host.</summary>
    public string? ReadHost { get; init; }

    /// <summary>The databases to federate, by domain.</summary>
    public required IReadOnlyDictionary<string, string> DomainDatabases { get; init; }

    /// <summary>How often the foreign servers and tables are made to match the registry again, beside each registration.</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromMinutes(1);

    public string Host => ReadHost ?? new NpgsqlConnectionStringBuilder(MeshConnectionString).Host
        ?? throw new InvalidOperationException($"The connection string '{SqlPortConnections.MeshDatabase}' names no host.");

    public int Port => new NpgsqlConnectionStringBuilder(MeshConnectionString).Port;

    /// <summary>The settings, or null when the catalog is given no mesh database (then it federates nothing).</summary>
    public static MeshFederationOptions? From(IConfiguration configuration)
    {
        if (configuration.GetConnectionString(SqlPortConnections.MeshDatabase) is not { Length: > 0 } connectionString)
        {
            return null;
        }

        return new MeshFederationOptions
        {
            MeshConnectionString = connectionString,
            ReadHost = configuration[CatalogSettingKeys.MeshReadHost] is { Length: > 0 } readHost ? readHost : null,
            DomainDatabases = configuration.GetSection(CatalogSettingKeys.MeshDomainDatabases).GetChildren()
                .Where(entry => entry.Value is { Length: > 0 })
                .ToDictionary(entry => entry.Key, entry => entry.Value!, StringComparer.Ordinal),
        };
    }
}
