using Aspire.Hosting.Postgres;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// The mesh's SQL access made the way the AppHost makes it in either mode (<see cref="OwnedDatabase"/> for the mesh
/// database, then <see cref="MeshSqlAccess"/>), on a real PostgreSQL server. Roles are the server's, so each test names its own.
/// </summary>
public sealed class MeshSqlAccessTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task The_provisioner_creates_a_login_role_in_the_consumers_group_that_may_connect_to_the_mesh_database()
    {
        var access = await EnsureAsync();
        await using var provisioner = await OpenAsync(access.Annotation.Provisioner, access.ProvisionerPassword, access.Annotation.Database);

        var consumer = $"consumer_{Guid.NewGuid():N}";
        var consumerPassword = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await ExecuteAsync(provisioner, $"CREATE ROLE \"{consumer}\" LOGIN PASSWORD '{consumerPassword}' IN ROLE \"{access.Annotation.ConsumersGroup}\"");

        await using var signedIn = await OpenAsync(consumer, consumerPassword, access.Annotation.Database);
        Assert.Equal(true, await ScalarAsync(signedIn, $"SELECT pg_has_role(current_user, '{access.Annotation.ConsumersGroup}', 'USAGE')"));
        // What it created it may rotate and drop again.
        await ExecuteAsync(provisioner, $"ALTER ROLE \"{consumer}\" PASSWORD 'rotated-{consumerPassword}'");
        await signedIn.CloseAsync();
        await ExecuteAsync(provisioner, $"DROP ROLE \"{consumer}\"");
        Assert.Equal(0L, await ScalarAsync(provisioner, $"SELECT count(*) FROM pg_roles WHERE rolname = '{consumer}'"));
    }

    [Fact]
    public async Task The_provisioner_cannot_read_a_domains_tables_create_databases_or_become_superuser()
    {
        var access = await EnsureAsync();
        var (hr, hrPassword) = Names("hr");
        await OwnedDatabase.EnsureAsync(postgres.ConnectionString, hr, hr, hrPassword, CancellationToken.None);
        await using (var domain = await OpenAsync(hr, hrPassword, hr))
        {
            await ExecuteAsync(domain, "CREATE TABLE employees (id int, salary numeric); INSERT INTO employees VALUES (1, 90000);");
        }

        await using var provisioner = await OpenAsync(access.Annotation.Provisioner, access.ProvisionerPassword, access.Annotation.Database);
        Assert.Equal(true, await ScalarAsync(provisioner,
            "SELECT rolcanlogin AND rolcreaterole AND NOT (rolsuper OR rolcreatedb OR rolreplication OR rolbypassrls) FROM pg_roles WHERE rolname = current_user"));
        // A domain's database is closed to it, so its tables are too.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(access.Annotation.Provisioner, access.ProvisionerPassword, hr));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        await AssertRefusedAsync(provisioner, $"CREATE DATABASE \"{hr}_more\"");
        await AssertRefusedAsync(provisioner, $"ALTER ROLE \"{access.Annotation.Provisioner}\" SUPERUSER");
        await AssertRefusedAsync(provisioner, $"CREATE ROLE \"{hr}_root\" SUPERUSER LOGIN");
        await AssertRefusedAsync(provisioner, $"ALTER ROLE \"{access.Annotation.Provisioner}\" BYPASSRLS");
        await AssertRefusedAsync(provisioner, $"ALTER ROLE \"{access.Annotation.Provisioner}\" REPLICATION");
        // PostgreSQL 15's CREATEROLE is broad: it may give any role but a superuser CREATEDB, itself included, and membership
        // in any role but a superuser. From 16 it may give only what it holds and administers (README, Least privilege).
        var selfGrant = $"ALTER ROLE \"{access.Annotation.Provisioner}\" CREATEDB";
        if ((int)(await ScalarAsync(provisioner, "SELECT current_setting('server_version_num')::int"))! >= 160000)
        {
            await AssertRefusedAsync(provisioner, selfGrant);
        }
        else
        {
            await ExecuteAsync(provisioner, selfGrant);
        }

        // Nor does it own anything in the mesh database, where the foreign tables are the mesh role's.
        await AssertRefusedAsync(provisioner, "CREATE SCHEMA planted");
    }

    [Fact]
    public async Task The_mesh_role_may_create_foreign_servers_and_running_again_sets_this_runs_password_and_takes_powers_back()
    {
        var access = await EnsureAsync();
        await using (var mesh = await OpenAsync(access.Annotation.Owner, access.OwnerPassword, access.Annotation.Database))
        {
            await ExecuteAsync(mesh, "CREATE SERVER probe FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', dbname 'postgres')");
        }

        await using (var superuser = await OpenAsync(postgres.ConnectionString))
        {
            // What an operator's mistake or an earlier version could have left.
            await ExecuteAsync(superuser, $"ALTER ROLE \"{access.Annotation.Provisioner}\" CREATEDB; ALTER ROLE \"{access.Annotation.ConsumersGroup}\" LOGIN");
        }

        var secondPassword = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await MeshSqlAccess.EnsureAsync(postgres.ConnectionString, access.Annotation, secondPassword, CancellationToken.None);

        var stale = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(access.Annotation.Provisioner, access.ProvisionerPassword, access.Annotation.Database));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, stale.SqlState);
        await using var provisioner = await OpenAsync(access.Annotation.Provisioner, secondPassword, access.Annotation.Database);
        Assert.Equal(false, await ScalarAsync(provisioner, $"SELECT bool_or(rolcreatedb OR rolcanlogin AND rolname = '{access.Annotation.ConsumersGroup}') FROM pg_roles WHERE rolname IN (current_user, '{access.Annotation.ConsumersGroup}')"));
    }

    private sealed record MadeAccess(MeshSqlAccessAnnotation Annotation, string OwnerPassword, string ProvisionerPassword);

    /// <summary>The mesh database, its owner and this test's own group and provisioner, made as the AppHost makes them.</summary>
    private async Task<MadeAccess> EnsureAsync()
    {
        var (mesh, ownerPassword) = Names("mesh");
        var provisionerPassword = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var annotation = new MeshSqlAccessAnnotation(mesh, mesh, $"{mesh}_provisioner", new ParameterResource("unused", _ => ""), $"{mesh}_consumers");
        await OwnedDatabase.EnsureAsync(postgres.ConnectionString, mesh, mesh, ownerPassword, CancellationToken.None);
        await MeshSqlAccess.EnsureAsync(postgres.ConnectionString, annotation, provisionerPassword, CancellationToken.None);
        return new MadeAccess(annotation, ownerPassword, provisionerPassword);
    }

    private static (string Name, string Password) Names(string prefix) =>
        ($"{prefix}_{Guid.NewGuid():N}", Convert.ToHexString(Guid.NewGuid().ToByteArray()));

    private Task<NpgsqlConnection> OpenAsync(string role, string password, string database) =>
        OpenAsync(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Username = role, Password = password, Database = database }.ConnectionString);

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task AssertRefusedAsync(NpgsqlConnection connection, string sql)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connection, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}
