using DataMesh.Catalog.Sql.Federation;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>
/// A mesh on a real PostgreSQL server for the federation tests. The test's superuser stands for the AppHost (the mesh
/// database, its owner, postgres_fdw and the consumers' group, as MeshSqlAccess makes them), for the provisioner (consumers'
/// login roles) and for the domains: two domain databases, each owned by its own role, with port schemas and tables, and
/// grants given as a domain gives them (CONNECT, USAGE on the port schema, SELECT on its tables, to the consumer's role).
/// </summary>
internal sealed class MeshScene
{
    private readonly string _superuser;
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..12];

    private MeshScene(string superuser) => _superuser = superuser;

    public string Hr => $"hr_{_suffix}";

    public string Finance => $"finance_{_suffix}";

    public string Mesh => $"mesh_{_suffix}";

    public string MeshPassword { get; } = Secret();

    public MeshFederation Federation { get; private set; } = null!;

    /// <summary>The mesh database as its owner, the connection the catalog is given.</summary>
    public string MeshConnectionString => Federation.Options.MeshConnectionString;

    public static FederatedPort Headcount(string database) => new("hr", database, "headcount_v1",
        [new FederatedTable("headcount", "headcount", [new("cost_center", "cost_center", "text"), new("employees", "employees", "integer")])]);

    public static FederatedPort Actuals(string database) => new("finance", database, "cost_center_actuals_v1",
        [new FederatedTable("actuals", "actuals", [new("cost_center", "cost_center", "text"), new("amount", "amount", "numeric(12,2)")])]);

    public static FederatedPort Budgets(string database) => new("finance", database, "budgets_v1",
        [new FederatedTable("budgets", "budgets", [new("cost_center", "cost_center", "text"), new("budget", "budget", "numeric(12,2)")])]);

    public static async Task<MeshScene> CreateAsync(PostgresServerFixture postgres)
    {
        var scene = new MeshScene(postgres.ConnectionString);
        await scene.ExecuteAsync("postgres",
            // What the AppHost does as the superuser (MeshSqlAccess), with this scene's own names for the databases and roles.
            $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{SqlPortConnections.ConsumersGroupRole}') THEN CREATE ROLE \"{SqlPortConnections.ConsumersGroupRole}\" NOLOGIN; END IF; END $$",
            $"CREATE ROLE \"{scene.Mesh}\" LOGIN PASSWORD '{scene.MeshPassword}'",
            $"CREATE DATABASE \"{scene.Mesh}\" OWNER \"{scene.Mesh}\"",
            $"REVOKE ALL ON DATABASE \"{scene.Mesh}\" FROM PUBLIC",
            // The domains' databases, owned by their own roles, closed to everyone else.
            $"CREATE ROLE \"{scene.Hr}\" LOGIN PASSWORD 'hr'",
            $"CREATE DATABASE \"{scene.Hr}\" OWNER \"{scene.Hr}\"",
            $"REVOKE ALL ON DATABASE \"{scene.Hr}\" FROM PUBLIC",
            $"CREATE ROLE \"{scene.Finance}\" LOGIN PASSWORD 'finance'",
            $"CREATE DATABASE \"{scene.Finance}\" OWNER \"{scene.Finance}\"",
            $"REVOKE ALL ON DATABASE \"{scene.Finance}\" FROM PUBLIC");
        await scene.ExecuteAsync(scene.Mesh,
            "CREATE EXTENSION postgres_fdw",
            $"GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO \"{scene.Mesh}\"");
        await scene.ExecuteAsync(scene.Hr,
            $"SET ROLE \"{scene.Hr}\"",
            "REVOKE ALL ON SCHEMA public FROM PUBLIC",
            "CREATE SCHEMA headcount_v1",
            "CREATE TABLE headcount_v1.headcount (cost_center text PRIMARY KEY, employees integer NOT NULL)",
            "INSERT INTO headcount_v1.headcount VALUES ('CC-100', 12), ('CC-200', 3)");
        await scene.ExecuteAsync(scene.Finance,
            $"SET ROLE \"{scene.Finance}\"",
            "REVOKE ALL ON SCHEMA public FROM PUBLIC",
            "CREATE SCHEMA cost_center_actuals_v1",
            "CREATE TABLE cost_center_actuals_v1.actuals (cost_center text PRIMARY KEY, amount numeric(12,2) NOT NULL)",
            "INSERT INTO cost_center_actuals_v1.actuals VALUES ('CC-100', 1200.50), ('CC-200', 300.00)",
            "CREATE SCHEMA budgets_v1",
            "CREATE TABLE budgets_v1.budgets (cost_center text PRIMARY KEY, budget numeric(12,2) NOT NULL)",
            "INSERT INTO budgets_v1.budgets VALUES ('CC-100', 5000), ('CC-200', 1000)");

        var server = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        var options = new MeshFederationOptions
        {
            MeshConnectionString = new NpgsqlConnectionStringBuilder { Host = server.Host, Port = server.Port, Username = scene.Mesh, Password = scene.MeshPassword, Database = scene.Mesh, Pooling = false }.ConnectionString,
            DomainDatabases = new Dictionary<string, string> { ["hr"] = scene.Hr, ["finance"] = scene.Finance },
        };
        scene.Federation = new MeshFederation(options, NullLogger<MeshFederation>.Instance);
        return scene;
    }

    /// <summary>A consumer's login role in the group, as the provisioner creates it.</summary>
    public async Task<(string Role, string Password)> ConsumerAsync(string name)
    {
        var role = $"{name}_{_suffix}";
        var password = Secret();
        await ExecuteAsync("postgres", $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password}' IN ROLE \"{SqlPortConnections.ConsumersGroupRole}\"");
        return (role, password);
    }

    /// <summary>What the owning domain's grant reconciler gives a consumer granted the port <paramref name="schema"/>.</summary>
    public Task GrantAsync(string database, string schema, string role) => ExecuteAsync(database,
        $"SET ROLE \"{database}\"",
        $"GRANT CONNECT ON DATABASE \"{database}\" TO \"{role}\"",
        $"GRANT USAGE ON SCHEMA \"{schema}\" TO \"{role}\"",
        $"GRANT SELECT ON ALL TABLES IN SCHEMA \"{schema}\" TO \"{role}\"");

    public Task RotateAsync(string role, string password) => ExecuteAsync("postgres", $"ALTER ROLE \"{role}\" PASSWORD '{password}'");

    public Task DropAsync(string role) => ExecuteAsync("postgres", $"DROP OWNED BY \"{role}\" CASCADE", $"DROP ROLE \"{role}\"");

    /// <summary>The consumer's own session in the mesh database.</summary>
    public async Task<NpgsqlConnection> SignInAsync(string role, string password)
    {
        var server = new NpgsqlConnectionStringBuilder(_superuser);
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder { Host = server.Host, Port = server.Port, Username = role, Password = password, Database = Mesh, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_superuser) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task ExecuteAsync(string database, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_superuser) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static string Secret() => Convert.ToHexString(Guid.NewGuid().ToByteArray());
}
