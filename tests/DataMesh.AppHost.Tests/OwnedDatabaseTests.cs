using Aspire.Hosting.Postgres;
using DataMesh.Testing;
using Npgsql;
using static DataMesh.AppHost.Tests.ServerSessions;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// Databases owned by their services' own roles, made the way the AppHost makes them (<see cref="OwnedDatabase"/>),
/// on a real PostgreSQL server. Roles are the server's, so each test names its own.
/// </summary>
public sealed class OwnedDatabaseTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task The_role_creates_and_uses_tables_in_its_own_database_and_has_no_other_power()
    {
        var (hr, hrPassword) = Names("hr");
        await OwnedDatabase.EnsureAsync(postgres.ConnectionString, hr, hr, hrPassword, CancellationToken.None);

        await using var own = await SignInAsync(postgres, hr, hrPassword, hr);
        await ExecuteAsync(own, "CREATE TABLE employees (id int PRIMARY KEY, name text); INSERT INTO employees VALUES (1, 'Ada');");
        Assert.Equal("Ada", await ScalarAsync(own, "SELECT name FROM employees WHERE id = 1"));
        Assert.Equal(hr, await ScalarAsync(own, "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()"));
        Assert.Equal(false, await ScalarAsync(own, "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));

        await AssertRefusedAsync(own, $"CREATE ROLE \"{hr}_friend\" LOGIN");
        await AssertRefusedAsync(own, $"CREATE DATABASE \"{hr}_more\"");
    }

    [Fact]
    public async Task The_role_cannot_connect_to_another_domains_database_nor_read_its_tables_from_there()
    {
        var (hr, hrPassword) = Names("hr");
        var (finance, financePassword) = Names("finance");
        await OwnedDatabase.EnsureAsync(postgres.ConnectionString, hr, hr, hrPassword, CancellationToken.None);
        await OwnedDatabase.EnsureAsync(postgres.ConnectionString, finance, finance, financePassword, CancellationToken.None);
        await using (var financeOwn = await SignInAsync(postgres, finance, financePassword, finance))
        {
            await ExecuteAsync(financeOwn, "CREATE TABLE payroll (employee int, salary numeric); INSERT INTO payroll VALUES (1, 90000);");
        }

        var refused = await Assert.ThrowsAsync<PostgresException>(() => SignInAsync(postgres, hr, hrPassword, finance));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);

        // Even let in by a mistaken grant, the role reads none of the other domain's tables.
        await using (var superuser = await OpenAsync(postgres.ConnectionString))
        {
            await ExecuteAsync(superuser, $"GRANT CONNECT ON DATABASE \"{finance}\" TO \"{hr}\"");
        }

        await using var inside = await SignInAsync(postgres, hr, hrPassword, finance);
        await AssertRefusedAsync(inside, "SELECT salary FROM payroll");
        await AssertRefusedAsync(inside, "CREATE TABLE planted (id int)");
    }

    [Fact]
    public async Task Running_again_sets_this_runs_password_and_hands_the_role_what_an_earlier_run_made_as_the_superuser()
    {
        var (hr, firstPassword) = Names("hr");
        // What a data folder from before owned databases holds: the database and its tables, the superuser's.
        await using (var superuser = await OpenAsync(postgres.ConnectionString))
        {
            await ExecuteAsync(superuser, $"CREATE DATABASE \"{hr}\"");
        }

        await using (var earlier = await OpenAsync(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = hr }.ConnectionString))
        {
            await ExecuteAsync(earlier, "CREATE TABLE employees (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text); INSERT INTO employees (name) VALUES ('Ada');" +
                "CREATE SCHEMA archive; CREATE TABLE archive.leavers (id int); CREATE VIEW names AS SELECT name FROM employees;");
        }

        await OwnedDatabase.EnsureAsync(postgres.ConnectionString, hr, hr, firstPassword, CancellationToken.None);
        var secondPassword = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await OwnedDatabase.EnsureAsync(postgres.ConnectionString, hr, hr, secondPassword, CancellationToken.None);

        var stale = await Assert.ThrowsAsync<PostgresException>(() => SignInAsync(postgres, hr, firstPassword, hr));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, stale.SqlState);
        await using var own = await SignInAsync(postgres, hr, secondPassword, hr);
        await ExecuteAsync(own, "INSERT INTO employees (name) VALUES ('Grace'); ALTER TABLE employees ADD COLUMN title text; INSERT INTO archive.leavers VALUES (1);");
        Assert.Equal(2L, await ScalarAsync(own, "SELECT count(*) FROM names"));
        Assert.Equal(0L, await ScalarAsync(own, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname IN ('public', 'archive') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)"));
    }
}
