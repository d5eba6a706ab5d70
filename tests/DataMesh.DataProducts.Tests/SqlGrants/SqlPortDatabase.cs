using DataMesh.Contracts;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.DataProducts.Tests.SqlGrants;

/// <summary>
/// A domain database with a SQL port, as the test's superuser sets it up in place of the AppHost, the domain's migrations
/// and the catalog: a domain role owning the database; the port's schema <see cref="Schema"/> owned by it, with
/// <c>headcount</c> (no personal column) and <c>people</c> (its <c>email</c> is personal data), one row each; an outbox
/// table in <c>public</c>; and consumer login roles with passwords (<see cref="CreateConsumerAsync"/>). The domain's side
/// connects as the domain role, as a domain service does; consumers connect with their own role and password over TCP.
/// </summary>
internal sealed class SqlPortDatabase
{
    public const string DataProductId = "hr.headcount";
    public const string Schema = "headcount_v1";

    /// <summary>The port as its contract states it: the two tables and their columns, <c>email</c> personal.</summary>
    public static readonly SqlPort Port = SqlPort.Of(DataProductCatalogueLoader.ReadContract("headcount-tables.odcs.yaml", """
        apiVersion: v3.1.0
        kind: DataContract
        id: hr.headcount.tables
        version: 1.0.0
        status: active
        domain: hr
        dataProduct: hr.headcount
        schema:
          - name: headcount
            physicalType: table
            properties:
              - {name: department, description: The department., logicalType: string, physicalType: text, classification: internal}
              - {name: headcount, description: The headcount., logicalType: integer, physicalType: integer, classification: internal}
          - name: people
            physicalType: table
            properties:
              - {name: id, description: The id., logicalType: integer, physicalType: integer, classification: internal}
              - {name: department, description: The department., logicalType: string, physicalType: text, classification: internal}
              - name: email
                description: Work e-mail address.
                logicalType: string
                physicalType: text
                classification: restricted
                customProperties: [{property: pii, value: true}]
        servers:
          - {server: headcount-tables, type: postgres, host: postgres, port: 5432, database: hr, schema: headcount_v1}
        """))!;

    private readonly string superuser;

    private SqlPortDatabase(string superuser, string domain, string domainRole)
    {
        this.superuser = superuser;
        Domain = domain;
        DomainRole = domainRole;
    }

    /// <summary>The domain service's connection string: its own role, owner of the database and the port.</summary>
    public string Domain { get; }

    public string DomainRole { get; }

    public static async Task<SqlPortDatabase> CreateAsync(PostgresServerFixture postgres)
    {
        var superuser = await postgres.CreateDatabaseAsync("sqlport");
        var databaseName = new NpgsqlConnectionStringBuilder(superuser).Database!;
        var domainRole = $"domain_{Guid.NewGuid():N}"[..20];
        var password = Guid.NewGuid().ToString("N");
        await ExecuteAsync(superuser,
            $"CREATE ROLE {SqlIdentifier.Quote(domainRole)} LOGIN PASSWORD {SqlIdentifier.Literal(password)}",
            $"ALTER DATABASE {SqlIdentifier.Quote(databaseName)} OWNER TO {SqlIdentifier.Quote(domainRole)}",
            $"CREATE SCHEMA {Schema} AUTHORIZATION {SqlIdentifier.Quote(domainRole)}",
            $"SET ROLE {SqlIdentifier.Quote(domainRole)}",
            $"CREATE TABLE {Schema}.headcount (department text PRIMARY KEY, headcount integer NOT NULL)",
            $"CREATE TABLE {Schema}.people (id integer PRIMARY KEY, department text NOT NULL, email text NOT NULL)",
            "CREATE TABLE public.data_product_outbox (sequence bigint PRIMARY KEY, data text NOT NULL)",
            $"INSERT INTO {Schema}.headcount VALUES ('research', 12)",
            $"INSERT INTO {Schema}.people VALUES (1, 'research', 'ada@example.com')",
            "INSERT INTO public.data_product_outbox VALUES (1, 'an event')");
        var domain = new NpgsqlConnectionStringBuilder(superuser) { Username = domainRole, Password = password, Pooling = false }.ConnectionString;
        return new SqlPortDatabase(superuser, domain, domainRole);
    }

    /// <summary>
    /// A consumer's login role as the catalog creates it, in the consumers' group (or, with <paramref name="inConsumersGroup"/>
    /// false, a login role the catalog did not create); returns its name and password.
    /// </summary>
    public async Task<(string Role, string Password)> CreateConsumerAsync(bool inConsumersGroup = true)
    {
        var role = $"consumer_{Guid.NewGuid():N}"[..22];
        var password = Guid.NewGuid().ToString("N");
        var group = SqlIdentifier.Quote(SqlPortConnections.ConsumersGroupRole);
        await ExecuteAsync(superuser,
            $"DO $$ BEGIN CREATE ROLE {group} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
            $"CREATE ROLE {SqlIdentifier.Quote(role)} LOGIN PASSWORD {SqlIdentifier.Literal(password)}" + (inConsumersGroup ? $" IN ROLE {group}" : string.Empty));
        return (role, password);
    }

    /// <summary>Runs statements as the superuser in this database (what a test does by hand, standing for someone else).</summary>
    public Task AsSuperuserAsync(params string[] statements) => ExecuteAsync(superuser, statements);

    /// <summary>Runs statements as the domain's own role, as its migrations do.</summary>
    public Task AsDomainAsync(params string[] statements) => ExecuteAsync(Domain, statements);

    /// <summary>The first column of the first row of <paramref name="query"/>, run as the superuser, as text.</summary>
    public async Task<string> ScalarAsSuperuserAsync(string query)
    {
        await using var connection = new NpgsqlConnection(superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(query, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "null";
    }

    /// <summary>What a consumer reads with its own credentials: the first column of the first row, or the PostgreSQL error's SQLSTATE.</summary>
    public async Task<string> ReadAsAsync((string Role, string Password) consumer, string query)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(superuser) { Username = consumer.Role, Password = consumer.Password, Pooling = false }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(query, connection);
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "null";
        }
        catch (PostgresException exception)
        {
            return exception.SqlState;
        }
    }

    /// <summary>Whether <paramref name="role"/> holds <c>CONNECT</c> on the database by a grant of its own (not PUBLIC's).</summary>
    public async Task<bool> HoldsConnectAsync(string role)
    {
        await using var connection = new NpgsqlConnection(superuser);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_database d, aclexplode(d.datacl) a WHERE d.datname = current_database() AND a.privilege_type = 'CONNECT' AND a.grantee = @role::regrole)",
            connection);
        command.Parameters.AddWithValue("role", SqlIdentifier.Quote(role));
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
