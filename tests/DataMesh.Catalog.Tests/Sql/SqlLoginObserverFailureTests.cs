using System.Net;
using System.Net.Http.Json;
using DataMesh.Catalog.Sql;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>
/// A login observer (the mesh database's user mappings) that fails: creating or rotating a login is all or nothing (a
/// refusal, the role and its password as they were, nothing recorded, so a retry goes through), and a revoked login's
/// observer failing holds back only that login's drop, recorded on it, until the observer answers again.
/// </summary>
public sealed class SqlLoginObserverFailureTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FailingLoginObserver observer = new();
    private CatalogHost catalog = null!;
    private string consumer = null!;

    private string Role => SqlLoginRole.Prefix + consumer;

    private HttpClient OwnKey => catalog.ConsumerClient(consumer, People.ConsumerTeam);

    public async Task InitializeAsync()
    {
        catalog = await CatalogHost.StartAsync(postgres, settings: await SqlProvisioning.SettingsAsync(postgres),
            configure: host => host.ConfigureServices(services => services.AddSingleton<ISqlLoginObserver>(observer)));
        await People.CreateTeamsAsync(catalog);
        // Roles are the server's, shared by this class's tests: each test has a consumer (and so a role) of its own.
        consumer = $"obs-{Guid.NewGuid():N}"[..20];
        await catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync(consumer, People.ConsumerTeam, null, null, People.Administrator, CancellationToken.None));
    }

    public async Task DisposeAsync() => await catalog.DisposeAsync();

    [Fact]
    public async Task A_create_the_observer_fails_makes_no_role_and_records_nothing_so_a_retry_goes_through()
    {
        observer.Failing = true;

        using var refused = await OwnKey.PostAsync(LoginPath(""), null);

        await AssertUnavailableAsync(refused);
        Assert.False(await SqlProvisioning.RoleExistsAsync(postgres, Role));
        Assert.Null(await LoginAsync());
        Assert.Empty(await AuditAsync());

        observer.Failing = false;
        using var retried = await OwnKey.PostAsync(LoginPath(""), null);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        var password = (await retried.Content.ReadFromJsonAsync<IssuedSqlLogin>())!.Password;
        Assert.Equal(Role, await SqlProvisioning.SignInAsync(postgres, Role, password));
        Assert.Equal(password, observer.Issued[Role]);
        Assert.Equal(["sql-login-created"], await AuditAsync());
    }

    [Fact]
    public async Task A_rotation_the_observer_fails_leaves_the_old_password_in_force()
    {
        var issued = (await (await OwnKey.PostAsync(LoginPath(""), null)).Content.ReadFromJsonAsync<IssuedSqlLogin>())!;
        var before = await LoginAsync();
        observer.Failing = true;

        using var refused = await OwnKey.PostAsync(LoginPath("/rotate"), null);

        await AssertUnavailableAsync(refused);
        Assert.Equal(Role, await SqlProvisioning.SignInAsync(postgres, Role, issued.Password));
        Assert.Equal(issued.Password, observer.Issued[Role]);
        Assert.Equal(before!.PasswordSetAt, (await LoginAsync())!.PasswordSetAt);
        Assert.Equal(["sql-login-created"], await AuditAsync());

        observer.Failing = false;
        using var retried = await OwnKey.PostAsync(LoginPath("/rotate"), null);

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var rotated = (await retried.Content.ReadFromJsonAsync<IssuedSqlLogin>())!.Password;
        Assert.Equal(Role, await SqlProvisioning.SignInAsync(postgres, Role, rotated));
        Assert.Equal(rotated, observer.Issued[Role]);
    }

    [Fact]
    public async Task A_revoked_login_whose_observer_fails_is_kept_with_the_reason_and_dropped_once_the_observer_answers()
    {
        await OwnKey.PostAsync(LoginPath(""), null);
        observer.Failing = true;

        using var revoked = await OwnKey.PostAsync(LoginPath("/revoke"), null);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await Eventually.TrueAsync(async () => (await LoginAsync())!.DropAttempts > 0, Patience, () => "the observer's failure was never recorded on the login");
        var waiting = (await LoginAsync())!;
        Assert.Equal(SqlLoginState.Revoked, waiting.State);
        Assert.Contains(FailingLoginObserver.Failure, waiting.LastDropError, StringComparison.Ordinal);
        Assert.True(await SqlProvisioning.RoleExistsAsync(postgres, Role));

        observer.Failing = false;

        await Eventually.TrueAsync(async () => (await LoginAsync())!.State == SqlLoginState.Dropped, Patience, () => "the login was not dropped");
        Assert.False(await SqlProvisioning.RoleExistsAsync(postgres, Role));
        Assert.False(observer.Issued.ContainsKey(Role));
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"{SqlLogins.Field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private string LoginPath(string rest) => $"{Api.CatalogApi.Prefix}/consumers/{consumer}/sql-login{rest}";

    private Task<SqlLoginRecord?> LoginAsync() => catalog.QueryAsync(db => db.SqlLogins.AsNoTracking().SingleOrDefaultAsync(l => l.ConsumerId == consumer));

    private Task<List<string>> AuditAsync() => catalog.QueryAsync(db =>
        db.AccessAudit.AsNoTracking().Where(a => a.ConsumerId == consumer && a.Action.StartsWith("sql-login")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
}
