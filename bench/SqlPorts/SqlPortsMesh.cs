using System.Diagnostics;
using DataMesh.Catalog.Sql.Federation;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DataMesh.Bench.SqlPorts;

/// <summary>
/// Two domains with a SQL port each on one throwaway server, and the mesh database over both, made as the mesh makes them:
/// the superuser stands for the AppHost (databases, roles, postgres_fdw) and for the domains (their tables, port views and
/// grants); the catalog's own <see cref="MeshFederation"/> makes the foreign servers, tables and the consumer's mappings.
/// </summary>
internal sealed class SqlPortsMesh : IAsyncDisposable
{
    private const string Hr = "hr";
    private const string Finance = "finance";
    private const string Mesh = "mesh";
    private const string Consumer = "bench_analyst";

    /// <summary>What an analyst asks of headcount: per cost center, how many and the mean salary.</summary>
    private const string Aggregate = "SELECT cost_center, count(*), avg(salary) FROM {0} GROUP BY cost_center";

    private const string Join = """
        SELECT h.cost_center, h.employees, h.mean_salary, a.spend
          FROM (SELECT cost_center, count(*) AS employees, avg(salary) AS mean_salary FROM hr_headcount_v1.employees GROUP BY cost_center) h
          JOIN (SELECT cost_center, sum(amount) AS spend FROM finance_cost_center_actuals_v1.entries GROUP BY cost_center) a USING (cost_center)
        """;

    private readonly string _superuser;
    private readonly List<NpgsqlConnection> _sessions = [];

    private SqlPortsMesh(string superuser) => _superuser = superuser;

    public static async Task<SqlPortsMesh> CreateAsync(PostgresServerFixture postgres, int rows)
    {
        var mesh = new SqlPortsMesh(postgres.ConnectionString);
        await mesh.ExecuteAsync("postgres",
            $"CREATE ROLE \"{SqlPortConnections.ConsumersGroupRole}\" NOLOGIN",
            $"CREATE ROLE {Consumer} LOGIN PASSWORD '{Consumer}' IN ROLE \"{SqlPortConnections.ConsumersGroupRole}\"",
            $"CREATE ROLE {Hr} LOGIN PASSWORD '{Hr}'", $"CREATE DATABASE {Hr} OWNER {Hr}", $"REVOKE ALL ON DATABASE {Hr} FROM PUBLIC",
            $"CREATE ROLE {Finance} LOGIN PASSWORD '{Finance}'", $"CREATE DATABASE {Finance} OWNER {Finance}", $"REVOKE ALL ON DATABASE {Finance} FROM PUBLIC",
            $"CREATE ROLE {Mesh} LOGIN PASSWORD '{Mesh}'", $"CREATE DATABASE {Mesh} OWNER {Mesh}", $"REVOKE ALL ON DATABASE {Mesh} FROM PUBLIC");
        await mesh.ExecuteAsync(Mesh, "CREATE EXTENSION postgres_fdw", $"GRANT USAGE ON FOREIGN DATA WRAPPER postgres_fdw TO {Mesh}");
        // The domains' own tables, 50 cost centers, and their ports: a view of the non-personal columns in the port schema.
        await mesh.ExecuteAsync(Hr, $"SET ROLE {Hr}",
            "CREATE TABLE employees (id bigint PRIMARY KEY, name text NOT NULL, cost_center text NOT NULL, salary numeric(12,2) NOT NULL, hired date NOT NULL)",
            $"INSERT INTO employees SELECT i, 'Employee ' || i, 'CC-' || lpad((i % 50)::text, 3, '0'), 40000 + (i % 997) * 55, date '2020-01-01' + (i % 1500) FROM generate_series(1, {rows}) i",
            "ANALYZE employees",
            "CREATE SCHEMA headcount_v1",
            "CREATE VIEW headcount_v1.employees AS SELECT id, cost_center, salary, hired FROM public.employees",
            $"GRANT CONNECT ON DATABASE {Hr} TO {Consumer}", $"GRANT USAGE ON SCHEMA headcount_v1 TO {Consumer}", $"GRANT SELECT ON headcount_v1.employees TO {Consumer}");
        await mesh.ExecuteAsync(Finance, $"SET ROLE {Finance}",
            "CREATE TABLE ledger (id bigint PRIMARY KEY, cost_center text NOT NULL, amount numeric(12,2) NOT NULL, booked date NOT NULL)",
            $"INSERT INTO ledger SELECT i, 'CC-' || lpad((i % 50)::text, 3, '0'), (i % 1000) + 0.25, date '2026-01-01' + (i % 300) FROM generate_series(1, {rows}) i",
            "ANALYZE ledger",
            "CREATE SCHEMA cost_center_actuals_v1",
            "CREATE VIEW cost_center_actuals_v1.entries AS SELECT id, cost_center, amount, booked FROM public.ledger",
            $"GRANT CONNECT ON DATABASE {Finance} TO {Consumer}", $"GRANT USAGE ON SCHEMA cost_center_actuals_v1 TO {Consumer}", $"GRANT SELECT ON cost_center_actuals_v1.entries TO {Consumer}");

        var federation = new MeshFederation(new MeshFederationOptions
        {
            MeshConnectionString = mesh.ConnectionString(Mesh, Mesh),
            DomainDatabases = new Dictionary<string, string> { [Hr] = Hr, [Finance] = Finance },
        }, NullLogger<MeshFederation>.Instance);
        await federation.EnsureServersAsync(CancellationToken.None);
        await federation.FederateAsync(
        [
            new FederatedPort(Hr, Hr, "headcount_v1", [new FederatedTable("employees", "employees",
                [new("id", "id", "bigint"), new("cost_center", "cost_center", "text"), new("salary", "salary", "numeric"), new("hired", "hired", "date")])]),
            new FederatedPort(Finance, Finance, "cost_center_actuals_v1", [new FederatedTable("entries", "entries",
                [new("id", "id", "bigint"), new("cost_center", "cost_center", "text"), new("amount", "amount", "numeric"), new("booked", "booked", "date")])]),
        ], CancellationToken.None);
        await federation.IssuedAsync(Consumer, Consumer, CancellationToken.None);
        return mesh;
    }

    /// <summary>The variants, the baseline first: each on a session of its own, kept open as a client's would be.</summary>
    public IReadOnlyList<TimedQuery> Queries() =>
    [
        new("direct: hr's own table, as hr", Session(Hr, Hr), string.Format(null, Aggregate, "public.employees"), 50),
        new("SQL port: headcount_v1 view, as the consumer", Session(Hr, Consumer), string.Format(null, Aggregate, "headcount_v1.employees"), 50),
        new("mesh: postgres_fdw foreign table, as the consumer", Session(Mesh, Consumer), string.Format(null, Aggregate, "hr_headcount_v1.employees"), 50),
        new("mesh: join of hr and finance products, as the consumer", Session(Mesh, Consumer), Join, 50),
    ];

    public async Task<string> ServerVersionAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_superuser) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }
    }

    private NpgsqlConnection Session(string database, string role)
    {
        var session = new NpgsqlConnection(ConnectionString(database, role));
        session.Open();
        _sessions.Add(session);
        return session;
    }

    private string ConnectionString(string database, string role) =>
        new NpgsqlConnectionStringBuilder(_superuser) { Database = database, Username = role, Password = role, Pooling = false }.ConnectionString;

    private async Task ExecuteAsync(string database, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_superuser) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>One query on its own session; <see cref="RunAsync"/> reads every row and checks how many came.</summary>
internal sealed record TimedQuery(string Name, NpgsqlConnection Session, string Sql, int ResultRows)
{
    public async Task<TimeSpan> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        await using var command = new NpgsqlCommand(Sql, Session);
        await using var reader = await command.ExecuteReaderAsync();
        var count = 0;
        while (await reader.ReadAsync())
        {
            count++;
        }

        clock.Stop();
        return count == ResultRows ? clock.Elapsed : throw new InvalidOperationException($"{Name}: {count} rows, not {ResultRows}.");
    }
}
