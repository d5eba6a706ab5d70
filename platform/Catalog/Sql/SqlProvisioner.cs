using DataMesh.Catalog.Api;
using DataMesh.DataProducts.SqlPorts;
using Npgsql;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// The catalog's hands in PostgreSQL: the provisioning role's connection (<c>ConnectionStrings:mesh-provisioner</c>,
/// <see cref="SqlPortConnections.Provisioner"/>), a role that may call the functions that create, rotate, disable and drop
/// consumers' logins and nothing more (<see cref="ConsumerLoginFunctions"/>). Names and verifiers travel as parameters, and a
/// password only as its SCRAM verifier (<see cref="SqlPassword"/>).
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

    /// <summary><see cref="ConsumerLoginFunctions.Create"/>: a login in <c>mesh_consumers</c>.</summary>
    /// <returns>False when a role of that name exists already.</returns>
    public async Task<bool> CreateLoginAsync(string role, string password, CancellationToken cancellationToken) =>
        (bool)(await CallAsync(ConsumerLoginFunctions.Create, cancellationToken, role, ConsumerLoginFunctions.Verifier(password)))!;

    /// <summary><see cref="ConsumerLoginFunctions.SetPassword"/>: the old password stops working for new sessions at once.</summary>
    public Task SetPasswordAsync(string role, string password, CancellationToken cancellationToken) =>
        CallAsync(ConsumerLoginFunctions.SetPassword, cancellationToken, role, ConsumerLoginFunctions.Verifier(password));

    /// <summary><see cref="ConsumerLoginFunctions.Disable"/>: NOLOGIN, then ends the role's open sessions. Answers how many it ended.</summary>
    public async Task<long> DisableLoginAsync(string role, CancellationToken cancellationToken) =>
        (long)(await CallAsync(ConsumerLoginFunctions.Disable, cancellationToken, role))!;

    /// <summary><see cref="ConsumerLoginFunctions.Drop"/>.</summary>
    /// <returns>Null when the role is gone; otherwise why PostgreSQL refused (what in which database still depends on the role).</returns>
    public async Task<string?> DropAsync(string role, CancellationToken cancellationToken)
    {
        try
        {
            await CallAsync(ConsumerLoginFunctions.Drop, cancellationToken, role);
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

    /// <summary>Calls one of the provisioning functions, its arguments as parameters.</summary>
    private async Task<object?> CallAsync(string function, CancellationToken cancellationToken, params string[] arguments)
    {
        await using var command = Source.CreateCommand(
            $"SELECT {function}({string.Join(", ", arguments.Select((_, index) => $"${index + 1}"))})");
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
