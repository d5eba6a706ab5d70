using Aspire.Hosting.Postgres;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Npgsql;
using static DataMesh.AppHost.Tests.ServerSessions;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// The mesh's SQL access made the way the AppHost makes it in either mode (<see cref="OwnedDatabase"/> for the mesh
/// database, then <see cref="MeshSqlAccess"/>), on a real PostgreSQL server. Roles are the server's, so each test names its own.
/// </summary>
public sealed class MeshSqlAccessTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task The_provisioner_creates_rotates_disables_and_drops_a_consumers_login_through_its_functions()
    {
        var access = await EnsureAsync();
        await using var provisioner = await SignInAsync(postgres, access.Annotation.Provisioner, access.ProvisionerPassword, access.Annotation.Database);

        var consumer = $"{ConsumerLoginFunctions.RolePrefix}{Guid.NewGuid():N}";
        var consumerPassword = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        Assert.Equal(true, await CallAsync(provisioner, ConsumerLoginFunctions.Create, consumer, Verifier(consumerPassword)));
        Assert.Equal(false, await CallAsync(provisioner, ConsumerLoginFunctions.Create, consumer, Verifier(consumerPassword)));

        await using var signedIn = await SignInAsync(postgres, consumer, consumerPassword, access.Annotation.Database);
        Assert.Equal(true, await ScalarAsync(signedIn, $"SELECT pg_has_role(current_user, '{access.Annotation.ConsumersGroup}', 'USAGE')"));
        await CallAsync(provisioner, ConsumerLoginFunctions.SetPassword, consumer, Verifier($"rotated-{consumerPassword}"));
        var stale = await Assert.ThrowsAsync<PostgresException>(() => SignInAsync(postgres, consumer, consumerPassword, access.Annotation.Database));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, stale.SqlState);

        // Disabling ends the session that is still open.
        Assert.Equal(1L, await CallAsync(provisioner, ConsumerLoginFunctions.Disable, consumer));
        await Assert.ThrowsAnyAsync<Exception>(() => ScalarAsync(signedIn, "SELECT 1"));
        var disabled = await Assert.ThrowsAsync<PostgresException>(() => SignInAsync(postgres, consumer, $"rotated-{consumerPassword}", access.Annotation.Database));
        Assert.Equal(PostgresErrorCodes.InvalidAuthorizationSpecification, disabled.SqlState);
        await CallAsync(provisioner, ConsumerLoginFunctions.Drop, consumer);
        Assert.Equal(0L, await ScalarAsync(provisioner, $"SELECT count(*) FROM pg_roles WHERE rolname = '{consumer}'"));
    }

    [Fact]
    public async Task The_provisioner_may_do_nothing_but_call_its_functions_and_they_touch_only_consumers_logins()
    {
        var access = await EnsureAsync();
        var (hr, hrPassword) = Names("hr");
        await OwnedDatabase.EnsureAsync(postgres.ConnectionString, hr, hr, hrPassword, CancellationToken.None);
        await using (var domain = await SignInAsync(postgres, hr, hrPassword, hr))
        {
            await ExecuteAsync(domain, "CREATE TABLE employees (id int, salary numeric); INSERT INTO employees VALUES (1, 90000);");
        }

        await using var provisioner = await SignInAsync(postgres, access.Annotation.Provisioner, access.ProvisionerPassword, access.Annotation.Database);
        Assert.Equal(true, await ScalarAsync(provisioner,
            "SELECT rolcanlogin AND NOT (rolcreaterole OR rolsuper OR rolcreatedb OR rolreplication OR rolbypassrls) FROM pg_roles WHERE rolname = current_user"));
        // A domain's database is closed to it, so its tables are too.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => SignInAsync(postgres, access.Annotation.Provisioner, access.ProvisionerPassword, hr));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        await AssertRefusedAsync(provisioner, $"CREATE DATABASE \"{hr}_more\"");
        await AssertRefusedAsync(provisioner, $"CREATE ROLE \"{ConsumerLoginFunctions.RolePrefix}direct\" LOGIN");
        await AssertRefusedAsync(provisioner, $"ALTER ROLE \"{access.Annotation.Provisioner}\" CREATEDB");
        // On PostgreSQL 15 a CREATEROLE role could have done these two: joined a domain's owner, or read every table.
        await AssertRefusedAsync(provisioner, $"GRANT \"{hr}\" TO \"{access.Annotation.Provisioner}\"");
        await AssertRefusedAsync(provisioner, $"GRANT pg_read_all_data TO \"{access.Annotation.Provisioner}\"");
        await AssertRefusedAsync(provisioner, $"SET ROLE \"{access.Annotation.LoginCreator}\"");

        // The functions refuse any role that is not a consumer's login, and a password in clear.
        var verifier = Verifier("whatever");
        foreach (var (function, arguments) in new (string, object[])[]
        {
            (ConsumerLoginFunctions.Create, [hr, verifier]),
            (ConsumerLoginFunctions.Create, ["pg_read_all_data", verifier]),
            (ConsumerLoginFunctions.Create, [ConsumerLoginFunctions.RolePrefix, verifier]),
            (ConsumerLoginFunctions.SetPassword, [hr, verifier]),
            (ConsumerLoginFunctions.SetPassword, [access.Annotation.Provisioner, verifier]),
            (ConsumerLoginFunctions.Disable, [access.Annotation.ConsumersGroup]),
            (ConsumerLoginFunctions.Drop, [hr]),
        })
        {
            var refusal = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(provisioner, function, arguments));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
        }

        var clear = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(provisioner, ConsumerLoginFunctions.Create, $"{ConsumerLoginFunctions.RolePrefix}clear", "in-clear"));
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, clear.SqlState);

        // A role named like a consumer that the mesh did not make (not in the group) is not the provisioner's either.
        var planted = $"{ConsumerLoginFunctions.RolePrefix}{Guid.NewGuid():N}";
        await using (var superuser = await OpenAsync(postgres.ConnectionString))
        {
            await ExecuteAsync(superuser, $"CREATE ROLE \"{planted}\" LOGIN");
        }

        var notOurs = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(provisioner, ConsumerLoginFunctions.Drop, planted));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, notOurs.SqlState);

        // A name is a name: quoted, never SQL.
        var victim = $"victim_{Guid.NewGuid():N}"[..15];
        await using (var superuser = await OpenAsync(postgres.ConnectionString))
        {
            await ExecuteAsync(superuser, $"CREATE ROLE {victim}");
        }

        var hostile = $"{ConsumerLoginFunctions.RolePrefix}x\"; DROP ROLE {victim}; --";
        Assert.Equal(true, await CallAsync(provisioner, ConsumerLoginFunctions.Create, hostile, verifier));
        Assert.Equal(2L, await ScalarAsync(provisioner, $"SELECT count(*) FROM pg_roles WHERE rolname IN ('{victim}', '{hostile}')"));

        // Nor may it change the functions or add its own beside them, or call the private checks.
        await AssertRefusedAsync(provisioner, $"CREATE FUNCTION {ConsumerLoginFunctions.Schema}.planted() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        await AssertRefusedAsync(provisioner, $"CREATE OR REPLACE FUNCTION {ConsumerLoginFunctions.Drop}(role_name text) RETURNS void LANGUAGE sql AS 'SELECT'");
        await AssertRefusedAsync(provisioner, $"SELECT {ConsumerLoginFunctions.Schema}.check_consumer_login('{hr}')");
        await AssertRefusedAsync(provisioner, "CREATE SCHEMA planted");
        // The role the functions run as cannot sign in.
        Assert.Equal(true, await ScalarAsync(provisioner,
            $"SELECT rolcreaterole AND NOT (rolcanlogin OR rolsuper OR rolcreatedb) FROM pg_roles WHERE rolname = '{access.Annotation.LoginCreator}'"));
    }

    [Fact]
    public async Task The_mesh_role_may_create_foreign_servers_and_running_again_sets_this_runs_password_and_takes_powers_back()
    {
        var access = await EnsureAsync();
        await using (var mesh = await SignInAsync(postgres, access.Annotation.Owner, access.OwnerPassword, access.Annotation.Database))
        {
            await ExecuteAsync(mesh, "CREATE SERVER probe FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '127.0.0.1', dbname 'postgres')");
        }

        await using (var superuser = await OpenAsync(postgres.ConnectionString))
        {
            // What an operator's mistake or an earlier version could have left.
            await ExecuteAsync(superuser, $"ALTER ROLE \"{access.Annotation.Provisioner}\" CREATEDB CREATEROLE; ALTER ROLE \"{access.Annotation.ConsumersGroup}\" LOGIN");
        }

        var secondPassword = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await MeshSqlAccess.EnsureAsync(postgres.ConnectionString, access.Annotation, secondPassword, CancellationToken.None);

        var stale = await Assert.ThrowsAsync<PostgresException>(() => SignInAsync(postgres, access.Annotation.Provisioner, access.ProvisionerPassword, access.Annotation.Database));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, stale.SqlState);
        await using var provisioner = await SignInAsync(postgres, access.Annotation.Provisioner, secondPassword, access.Annotation.Database);
        Assert.Equal(false, await ScalarAsync(provisioner, $"SELECT bool_or(rolcreatedb OR rolcreaterole OR rolcanlogin AND rolname = '{access.Annotation.ConsumersGroup}') FROM pg_roles WHERE rolname IN (current_user, '{access.Annotation.ConsumersGroup}')"));
    }

    private sealed record MadeAccess(MeshSqlAccessAnnotation Annotation, string OwnerPassword, string ProvisionerPassword);

    /// <summary>The mesh database, its owner and this test's own group and provisioner, made as the AppHost makes them.</summary>
    private async Task<MadeAccess> EnsureAsync()
    {
        var (mesh, ownerPassword) = Names("mesh");
        var provisionerPassword = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var annotation = new MeshSqlAccessAnnotation(mesh, mesh, $"{mesh}_provisioner", new ParameterResource("unused", _ => ""), $"{mesh}_consumers", $"{mesh}_creator");
        await OwnedDatabase.EnsureAsync(postgres.ConnectionString, mesh, mesh, ownerPassword, CancellationToken.None);
        await MeshSqlAccess.EnsureAsync(postgres.ConnectionString, annotation, provisionerPassword, CancellationToken.None);
        return new MadeAccess(annotation, ownerPassword, provisionerPassword);
    }

    private static string Verifier(string password) => ConsumerLoginFunctions.Verifier(password);

    private static async Task<object?> CallAsync(NpgsqlConnection connection, string function, params object[] arguments)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}({string.Join(", ", arguments.Select((_, index) => $"${index + 1}"))})", connection);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument });
        }

        return await command.ExecuteScalarAsync();
    }
}
