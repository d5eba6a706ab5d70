using System.Net;
using System.Text.Json;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Sql;
using DataMesh.DataProducts.SqlPorts;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>
/// Consumers' PostgreSQL logins on a real server, where the test's superuser made the provisioning role and the group role as
/// the AppHost does: the issued credentials open a session, a rotation retires the old password, a revoke refuses new sessions
/// at once and the role is dropped once no database grants it anything; every step is audited and observed.
/// </summary>
public sealed class SqlLoginTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private CatalogHost catalog = null!;
    private RecordingLoginObserver observer = null!;
    private string consumer = null!;

    private HttpClient OwnKey => catalog.ConsumerClient(consumer, People.ConsumerTeam);

    public async Task InitializeAsync()
    {
        observer = new RecordingLoginObserver(postgres);
        catalog = await CatalogHost.StartAsync(postgres, settings: await SqlProvisioning.SettingsAsync(postgres),
            configure: host => host.ConfigureServices(services => services.AddSingleton<ISqlLoginObserver>(observer)));
        await catalog.RegisterAsync(Definitions.Hr());
        await People.CreateTeamsAsync(catalog);
        // Roles are the server's, shared by this class's tests: each test has a consumer (and so a role) of its own.
        consumer = $"app-{Guid.NewGuid():N}"[..20];
        await catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync(consumer, People.ConsumerTeam, null, null, People.Administrator, CancellationToken.None));
    }

    public async Task DisposeAsync() => await catalog.DisposeAsync();

    [Fact]
    public async Task A_created_login_opens_a_session_in_the_group_role_its_password_is_shown_once_and_kept_nowhere()
    {
        using var response = await OwnKey.PostAsync(LoginPath("sql-login"), null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var issued = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var role = issued.GetProperty("role").GetString()!;
        var password = issued.GetProperty("password").GetString()!;
        Assert.Equal(SqlLoginRole.Prefix + consumer, role);
        Assert.Equal(new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Port, issued.GetProperty("port").GetInt32());
        Assert.Equal(role, await SqlProvisioning.SignInAsync(postgres, role, password));
        Assert.True(await IsMemberOfGroupAsync(role));
        // The server keeps a SCRAM verifier, never the password; the catalog keeps neither.
        Assert.StartsWith("SCRAM-SHA-256$", await StoredPasswordAsync(role), StringComparison.Ordinal);
        Assert.DoesNotContain(password, await CatalogDumpAsync(), StringComparison.Ordinal);
        var shown = await OwnKey.SendOkAsync(HttpMethod.Get, $"consumers/{consumer}/sql-login");
        Assert.False(shown.TryGetProperty("password", out _));
        Assert.Equal("Active", shown.GetProperty("state").GetString());
        Assert.Equal([("issued", role, password, true)], observer.Calls.Where(c => c.Role == role));
        Assert.Contains(await AuditAsync(), a => a is { Action: "sql-login-created", Actor: var actor, ActorKind: CallerKind.Consumer } && actor == consumer);

        using var again = await OwnKey.PostAsync(LoginPath("sql-login"), null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("sql-login", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rotated_password_replaces_the_old_one()
    {
        var issued = await OwnKey.SendOkAsync(HttpMethod.Post, $"consumers/{consumer}/sql-login");
        var (role, old) = (issued.GetProperty("role").GetString()!, issued.GetProperty("password").GetString()!);

        var rotated = await OwnKey.SendOkAsync(HttpMethod.Post, $"consumers/{consumer}/sql-login/rotate");

        var fresh = rotated.GetProperty("password").GetString()!;
        Assert.NotEqual(old, fresh);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => SqlProvisioning.SignInAsync(postgres, role, old));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        Assert.Equal(role, await SqlProvisioning.SignInAsync(postgres, role, fresh));
        Assert.Equal(["issued", "issued"], observer.Calls.Where(c => c.Role == role).Select(c => c.What));
        Assert.Equal(fresh, observer.Calls.Last(c => c.Role == role).Password);
        Assert.Contains(await AuditAsync(), a => a.Action == "sql-login-rotated");
    }

    [Fact]
    public async Task A_revoked_login_opens_no_session_at_once_and_is_dropped_once_no_database_grants_it_anything()
    {
        var issued = await OwnKey.SendOkAsync(HttpMethod.Post, $"consumers/{consumer}/sql-login");
        var (role, password) = (issued.GetProperty("role").GetString()!, issued.GetProperty("password").GetString()!);
        // What an owning domain grants the login in its own database, as the superuser here.
        var domain = await postgres.CreateDatabaseAsync("domain");
        var domainName = new NpgsqlConnectionStringBuilder(domain).Database!;
        await SqlProvisioning.ExecuteAsync(postgres, $"GRANT CONNECT ON DATABASE {SqlIdentifier.Quote(domainName)} TO {SqlIdentifier.Quote(role)}");
        await SqlProvisioning.ExecuteAsync(postgres, $"CREATE SCHEMA port_v1; GRANT USAGE ON SCHEMA port_v1 TO {SqlIdentifier.Quote(role)}", domain);
        await using var open = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(domain) { Username = role, Password = password, Pooling = false }.ConnectionString);
        await open.OpenAsync();

        using var response = await OwnKey.PostAsync(LoginPath("sql-login/revoke"), null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => SqlProvisioning.SignInAsync(postgres, role, password));
        Assert.Equal(PostgresErrorCodes.InvalidAuthorizationSpecification, refused.SqlState);
        // The provisioning role may not end another role's session (PostgreSQL 15: no membership, no pg_signal_backend): it stays.
        Assert.Equal(System.Data.ConnectionState.Open, open.State);
        await Eventually.TrueAsync(async () => (await LoginAsync()).DropAttempts > 0, Patience, () => "the catalog never tried to drop the role");
        var waiting = await LoginAsync();
        Assert.Equal(SqlLoginState.Revoked, waiting.State);
        Assert.Contains(domainName, waiting.LastDropError, StringComparison.Ordinal);
        Assert.True(await SqlProvisioning.RoleExistsAsync(postgres, role));

        // The domain revokes what it granted.
        await SqlProvisioning.ExecuteAsync(postgres, $"REVOKE USAGE ON SCHEMA port_v1 FROM {SqlIdentifier.Quote(role)}", domain);
        await SqlProvisioning.ExecuteAsync(postgres, $"REVOKE CONNECT ON DATABASE {SqlIdentifier.Quote(domainName)} FROM {SqlIdentifier.Quote(role)}");

        await Eventually.TrueAsync(async () => (await LoginAsync()).State == SqlLoginState.Dropped, Patience, () => "the login was not dropped");
        Assert.False(await SqlProvisioning.RoleExistsAsync(postgres, role));
        var dropped = await LoginAsync();
        Assert.Null(dropped.LastDropError);
        Assert.Contains(observer.Calls, c => c is { What: "dropping", RoleExisted: true } && c.Role == role);
        var actions = (await AuditAsync()).Select(a => a.Action).ToList();
        Assert.Equal(["sql-login-created", "sql-login-revoked", "sql-login-dropped"], actions.Where(a => a.StartsWith("sql-login", StringComparison.Ordinal)));

        // A dropped login may be issued again, with a new password.
        var again = await OwnKey.SendOkAsync(HttpMethod.Post, $"consumers/{consumer}/sql-login");
        Assert.Equal(role, await SqlProvisioning.SignInAsync(postgres, role, again.GetProperty("password").GetString()!));
    }

    [Fact]
    public async Task Rotating_or_revoking_a_login_the_consumer_does_not_have_is_a_problem_naming_the_login()
    {
        using var rotate = await OwnKey.PostAsync(LoginPath("sql-login/rotate"), null);
        using var revoke = await OwnKey.PostAsync(LoginPath("sql-login/revoke"), null);

        Assert.Equal(HttpStatusCode.NotFound, rotate.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal("application/problem+json", rotate.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"sql-login\"", await rotate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_whose_role_name_would_not_fit_63_bytes_gets_a_problem_naming_the_id()
    {
        var longId = new string('x', SqlLoginRole.MaxConsumerIdBytes + 1);
        await catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync(longId, People.ConsumerTeam, null, null, People.Administrator, CancellationToken.None));

        using var response = await catalog.ConsumerClient(longId, People.ConsumerTeam).PostAsync($"{Api.CatalogApi.Prefix}/consumers/{longId}/sql-login", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _), problem.ToString());
        Assert.False(await SqlProvisioning.RoleExistsAsync(postgres, SqlLoginRole.Prefix + longId[..(SqlIdentifier.MaxLength - SqlLoginRole.Prefix.Length)]));
    }

    [Fact]
    public async Task The_grants_answer_lists_grants_in_force_whose_consumer_has_an_active_login()
    {
        var owner = await catalog.PersonAsync(People.Owner);
        var own = new ConsumerCaller(consumer, People.ConsumerTeam);
        await catalog.AtDeskAsync(async desk =>
        {
            var plain = await desk.RequestAsync("hr.employees", consumer, "Headcount", false, own, CancellationToken.None);
            await desk.DecideAsync(plain.Id, approve: true, null, owner, CancellationToken.None);
            var personal = await desk.RequestAsync("hr.employees", consumer, "Payroll checks", true, own, CancellationToken.None);
            await desk.DecideAsync(personal.Id, approve: true, null, owner, CancellationToken.None);
        });
        var hr = catalog.ServiceClient("hr");
        Assert.Empty((await hr.SendOkAsync(HttpMethod.Get, "products/hr.employees/sql-grants")).GetProperty("grants").EnumerateArray());

        await OwnKey.SendOkAsync(HttpMethod.Post, $"consumers/{consumer}/sql-login");

        var answer = (await hr.SendOkAsync(HttpMethod.Get, "products/hr.employees/sql-grants")).Deserialize<SqlGrantsAnswer>(JsonSerializerOptions.Web)!;
        Assert.Equal(new SqlGrant(consumer, SqlLoginRole.Prefix + consumer, PersonalData: true), Assert.Single(answer.Grants));

        await OwnKey.SendOkAsync(HttpMethod.Post, $"consumers/{consumer}/sql-login/revoke");

        Assert.Empty((await hr.SendOkAsync(HttpMethod.Get, "products/hr.employees/sql-grants")).GetProperty("grants").EnumerateArray());
    }

    private string LoginPath(string rest) => $"{Api.CatalogApi.Prefix}/consumers/{consumer}/{rest}";

    private Task<SqlLoginRecord> LoginAsync() => catalog.QueryAsync(db => db.SqlLogins.AsNoTracking().SingleAsync(l => l.ConsumerId == consumer));

    private Task<List<AccessAuditRecord>> AuditAsync() => catalog.QueryAsync(db => db.AccessAudit.AsNoTracking().Where(a => a.ConsumerId == consumer).OrderBy(a => a.Id).ToListAsync());

    private async Task<bool> IsMemberOfGroupAsync(string role)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_has_role($1, $2, 'MEMBER')", connection) { Parameters = { new() { Value = role }, new() { Value = SqlPortConnections.ConsumersGroupRole } } };
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> StoredPasswordAsync(string role)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT rolpassword FROM pg_authid WHERE rolname = $1", connection) { Parameters = { new() { Value = role } } };
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every text the catalog's tables hold, as one string: where a kept password would show.</summary>
    private Task<string> CatalogDumpAsync() => catalog.QueryAsync(async db =>
    {
        var tables = await db.Database.SqlQueryRaw<string>("SELECT format('%I.%I', table_schema, table_name) AS \"Value\" FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'").ToListAsync();
        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
#pragma warning disable EF1002 // The table names come from the server's own catalog, quoted by format('%I').
            dump.AppendJoin('\n', await db.Database.SqlQueryRaw<string>($"SELECT t::text AS \"Value\" FROM {table} t").ToListAsync());
#pragma warning restore EF1002
        }

        return dump.ToString();
    });
}
