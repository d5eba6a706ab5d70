using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh.Kubernetes;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.AppHost.Tests.Kubernetes;

/// <summary>
/// The init script the statefulset option gives the PostgreSQL image, run as the image runs it (bash, then psql with the
/// superuser) against a real server of its own: the SQL psql reads is the SQL PostgreSQL takes, and what it makes lets the
/// provisioner create consumers' logins and nothing more.
/// </summary>
public sealed class PostgresInitScriptTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task The_script_runs_in_psql_and_leaves_the_provisioner_only_its_functions()
    {
        var access = new MeshSqlAccessAnnotation("mesh", "mesh", "mesh_provisioner", new ParameterResource("unused", _ => ""),
            SqlPortConnections.ConsumersGroupRole, "mesh_login_creator");
        var script = PostgresInitScript.Databases([("hr", "hr", "HR_DB_PASSWORD"), ("mesh", "mesh", "MESH_DB_PASSWORD")],
            (access, "MESH_PROVISIONER_PASSWORD"));
        var server = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        var passwords = new Dictionary<string, string>
        {
            ["HR_DB_PASSWORD"] = Guid.NewGuid().ToString("N"),
            ["MESH_DB_PASSWORD"] = Guid.NewGuid().ToString("N"),
            ["MESH_PROVISIONER_PASSWORD"] = Guid.NewGuid().ToString("N"),
        };

        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["POSTGRES_USER"] = server.Username;
        start.Environment["PGHOST"] = server.Host;
        start.Environment["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGPASSWORD"] = server.Password;
        foreach (var (variable, value) in passwords)
        {
            start.Environment[variable] = value;
        }

        using var psql = Process.Start(start)!;
        var errors = psql.StandardError.ReadToEndAsync();
        await psql.StandardOutput.ReadToEndAsync();
        await psql.WaitForExitAsync();
        Assert.True(psql.ExitCode == 0, $"The init script failed ({psql.ExitCode}): {await errors}");

        await using var session = await ServerSessions.SignInAsync(postgres, access.Provisioner, passwords["MESH_PROVISIONER_PASSWORD"], access.Database);
        var consumer = $"{ConsumerLoginFunctions.RolePrefix}analyst";
        await using (var create = new NpgsqlCommand($"SELECT {ConsumerLoginFunctions.Create}($1, $2)", session))
        {
            create.Parameters.Add(new NpgsqlParameter { Value = consumer });
            create.Parameters.Add(new NpgsqlParameter { Value = ConsumerLoginFunctions.Verifier("analyst-password") });
            Assert.Equal(true, await create.ExecuteScalarAsync());
        }

        // The login it created signs in with its password.
        await using var analyst = await ServerSessions.SignInAsync(postgres, consumer, "analyst-password", access.Database);

        await ServerSessions.AssertRefusedAsync(session, $"GRANT hr TO {access.Provisioner}");
    }
}
