using System.Net;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.People;
using DataMesh.Catalog.Sql;
using DataMesh.Catalog.Tests.Sql;
using DataMesh.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// The consumers page's PostgreSQL login forms posted by everyone: an anonymous visitor (with a token of its own and
/// without), a member of another team (with the token the page gives her), the consumer's own key, and the team's member
/// without a token are refused by the API's rule (<see cref="ConsumerRecord.MayBeManagedBy"/>) or the antiforgery check,
/// with no role made, no password changed, nothing revoked, nothing audited; the team's member and an administrator may.
/// </summary>
public sealed class SqlLoginFormTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private const string Password = "a-long-test-password";
    private const string Page = "/consumers";
    private const string WithLogin = "sql-held";
    private const string WithoutLogin = "sql-fresh";

    private static readonly string[] Handlers = ["CreateLogin", "RotateLogin", "RevokeLogin"];

    private CatalogHost catalog = null!;
    private IssuedSqlLogin held = null!;

    public async Task InitializeAsync()
    {
        catalog = await CatalogHost.StartAsync(postgres, settings: await SqlProvisioning.SettingsAsync(postgres));
        await Tests.People.CreateTeamsAsync(catalog);
        held = await catalog.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            foreach (var person in (string[])[Tests.People.ConsumerTeamMember, Tests.People.OtherTeamMember])
            {
                Assert.True((await users.CreateAsync(new IdentityUser(person), Password)).Succeeded);
            }

            var desk = services.GetRequiredService<AccessDesk>();
            await desk.RegisterConsumerAsync(WithLogin, Tests.People.ConsumerTeam, null, null, Tests.People.Administrator, CancellationToken.None);
            await desk.RegisterConsumerAsync(WithoutLogin, Tests.People.ConsumerTeam, null, null, Tests.People.Administrator, CancellationToken.None);
            return await services.GetRequiredService<SqlLogins>().CreateAsync(WithLogin, Tests.People.Administrator, CancellationToken.None);
        });
    }

    public async Task DisposeAsync() => await catalog.DisposeAsync();

    [Fact]
    public async Task Forged_login_posts_change_nothing_and_the_same_forms_work_for_the_team_and_an_administrator()
    {
        var before = await StateAsync();
        using var anonymous = new PersonSession(catalog);
        using var hedy = new PersonSession(catalog);
        PersonSession.AssertSignedIn(await hedy.SignInAsync(Tests.People.OtherTeamMember, Password));
        using var grace = new PersonSession(catalog);
        PersonSession.AssertSignedIn(await grace.SignInAsync(Tests.People.ConsumerTeamMember, Password));
        // The consumer's own key as the gateway forwards it (credential and consumer headers), no redirect followed.
        using var ownKey = catalog.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var (name, value) in catalog.ConsumerClient(WithLogin, Tests.People.ConsumerTeam).DefaultRequestHeaders)
        {
            ownKey.DefaultRequestHeaders.Add(name, value);
        }

        Assert.DoesNotContain("?handler=CreateLogin", await (await hedy.GetAsync($"{Page}?team={Tests.People.ConsumerTeam}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var handler in Handlers)
        {
            var path = $"{Page}?handler={handler}";
            foreach (var consumer in (string[])[WithLogin, WithoutLogin])
            {
                (string, string)[] fields = [("team", Tests.People.ConsumerTeam), ("consumer", consumer)];
                AssertSentToSignIn(await anonymous.PostFormAsync(PersonPages.SignIn, path, fields));
                AssertSentToSignIn(await anonymous.PostWithoutTokenAsync(path, fields));
                Assert.Equal(HttpStatusCode.Forbidden, (await hedy.PostFormAsync(Page, path, fields)).StatusCode);
                Assert.Equal(HttpStatusCode.BadRequest, (await grace.PostWithoutTokenAsync(path, fields)).StatusCode);
                // The consumer's own key may manage its login through the API, but a page acts for signed-in people only.
                using var form = new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Item1, field.Item2)));
                AssertSentToSignIn(await ownKey.PostAsync(path, form));
            }
        }

        Assert.Equal(before, await StateAsync());
        Assert.False(await SqlProvisioning.RoleExistsAsync(postgres, SqlLoginRole.Prefix + WithoutLogin));
        Assert.Equal(held.Role, await SqlProvisioning.SignInAsync(postgres, held.Role, held.Password));

        // The same forms from the team's member and an administrator act: the refusals above were the rule's.
        Assert.Equal(HttpStatusCode.OK, (await grace.PostFormAsync(Page, $"{Page}?handler=CreateLogin", ("team", Tests.People.ConsumerTeam), ("consumer", WithoutLogin))).StatusCode);
        using var root = new PersonSession(catalog);
        await root.SignInAsAdministratorAsync();
        Assert.Equal(HttpStatusCode.OK, (await root.PostFormAsync(Page, $"{Page}?handler=RotateLogin", ("team", Tests.People.ConsumerTeam), ("consumer", WithLogin))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await grace.PostFormAsync(Page, $"{Page}?handler=RevokeLogin", ("team", Tests.People.ConsumerTeam), ("consumer", WithLogin))).StatusCode);
        var after = await catalog.QueryAsync(db => db.SqlLogins.AsNoTracking().ToDictionaryAsync(l => l.ConsumerId, l => l.State));
        Assert.Equal(SqlLoginState.Active, after[WithoutLogin]);
        // Revoked, or dropped already: nothing grants the role anything here.
        Assert.NotEqual(SqlLoginState.Active, after[WithLogin]);
        var audit = await catalog.QueryAsync(db => db.AccessAudit.AsNoTracking().Where(a => a.Action.StartsWith("sql-login")).Select(a => a.Action + " " + a.Actor).ToListAsync());
        Assert.Contains($"sql-login-created {Tests.People.ConsumerTeamMember}", audit);
        Assert.Contains($"sql-login-rotated {CatalogHost.AdministratorUserName}", audit);
        Assert.Contains($"sql-login-revoked {Tests.People.ConsumerTeamMember}", audit);
    }

    /// <summary>A page's answer to someone not signed in: the way to the sign-in form, nothing done.</summary>
    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(PersonPages.SignIn, response.Headers.Location?.PathAndQueryOrOriginal(), StringComparison.Ordinal);
    }

    /// <summary>The logins as the catalog keeps them, and the login steps of the audit trail.</summary>
    private Task<string> StateAsync() => catalog.QueryAsync(async db =>
    {
        var logins = await db.SqlLogins.AsNoTracking().OrderBy(l => l.ConsumerId).Select(l => $"{l.ConsumerId} {l.State} {l.PasswordSetAt:O} {l.RevokedAt:O}").ToListAsync();
        var audit = await db.AccessAudit.AsNoTracking().Where(a => a.Action.StartsWith("sql-login")).CountAsync();
        return $"{string.Join("; ", logins)} / {audit} audited";
    });
}
