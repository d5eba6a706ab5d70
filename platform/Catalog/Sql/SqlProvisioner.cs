using DataMesh.Catalog.Api;
using DataMesh.DataProducts.SqlPorts;
using Npgsql;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// The catalog's hands in PostgreSQL: the provisioning role's connection (<c>ConnectionStrings:mesh-provisioner</c>,
/// <see cref="SqlPortConnections.Provisioner"/>), a role that may create, alter and drop login roles and nothing more. Every
/// name is quoted (<see cref="SqlIdentifier"/>) and a password travels only as its SCRAM verifier (<see cref="SqlPassword"/>).
/// </summary>
public sealed class SqlProvisioner(IConfiguration configuration) : IAsyncDisposable
{
    private readonly Lazy<NpgsqlDataSource?> source = new(() =>
        configuration.GetConnectionString(SqlPortConnections.Provisioner) is { Length: > 0 } connectionString
            // The detail of a refused DROP ROLE names what still depends on the role: kept for whoever looks into it.
            ? NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { IncludeErrorDetail = true })
            : null);

    /// <summary>Whether the AppHost gave the catalog the provisioning role; without it the catalog issues no logins.</summary>
    public bool IsConfigured => source.Value is not null;

    /// <summary>The server the logins are on, as the provisioning connection reaches it: the hint an issued login gives.</summary>
    public (string? Host, int Port) Server
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(SqlPortConnections.Provisioner));
            return (builder.Host, builder.Port);
        }
    }

    /// <summary><c>CREATE ROLE … LOGIN PASSWORD … IN ROLE mesh_consumers</c>.</summary>
    /// <returns>False when a role of that name exists already.</returns>
    public async Task<bool> CreateLoginAsync(string role, string password, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(
                $"CREATE ROLE {SqlIdentifier.Quote(role)} LOGIN PASSWORD {SqlIdentifier.Literal(SqlPassword.ScramVerifier(password))} IN ROLE {SqlIdentifier.Quote(SqlPortConnections.ConsumersGroupRole)}",
                cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateObject)
        {
            return false;
        }
    }

    /// <summary><c>ALTER ROLE … PASSWORD …</c>: the old password stops working for new sessions at once.</summary>
    public Task SetPasswordAsync(string role, string password, CancellationToken cancellationToken) =>
        ExecuteAsync($"ALTER ROLE {SqlIdentifier.Quote(role)} PASSWORD {SqlIdentifier.Literal(SqlPassword.ScramVerifier(password))}", cancellationToken);

    /// <summary>
    /// <c>ALTER ROLE … NOLOGIN</c>, then ends the role's open sessions where the provisioning role may signal them (it holds the
    /// consumer role's privileges or <c>pg_signal_backend</c>); sessions it may not end stay until they end, with whatever the
    /// domains have not revoked yet. Answers how many sessions were ended.
    /// </summary>
    public async Task<long> DisableLoginAsync(string role, CancellationToken cancellationToken)
    {
        await ExecuteAsync($"ALTER ROLE {SqlIdentifier.Quote(role)} NOLOGIN", cancellationToken);
        await using var command = Source.CreateCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE usename = $1 AND (pg_has_role(usesysid, 'USAGE') OR pg_has_role('pg_signal_backend', 'USAGE'))");
        command.Parameters.Add(new NpgsqlParameter { Value = role });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary><c>DROP ROLE IF EXISTS …</c>.</summary>
    /// <returns>Null when the role is gone; otherwise why PostgreSQL refused (what in which database still depends on the role).</returns>
    public async Task<string?> DropAsync(string role, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync($"DROP ROLE IF EXISTS {SqlIdentifier.Quote(role)}", cancellationToken);
            return null;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DependentObjectsStillExist)
        {
            return $"{exception.MessageText}: {exception.Detail}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (source is { IsValueCreated: true, Value: { } created })
        {
            await created.DisposeAsync();
        }
    }

    private NpgsqlDataSource Source => source.Value
        ?? throw new CatalogRefusal(StatusCodes.Status503ServiceUnavailable, "sql-login",
            $"the catalog has no provisioning role (ConnectionStrings:{SqlPortConnections.Provisioner}): it issues no PostgreSQL logins here");

    private async Task ExecuteAsync(string statement, CancellationToken cancellationToken)
    {
        await using var command = Source.CreateCommand(statement);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
