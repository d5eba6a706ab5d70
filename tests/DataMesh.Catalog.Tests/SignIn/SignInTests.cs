using System.Net;
using DataMesh.Catalog.People;
using DataMesh.Testing;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>Local accounts over HTTP against the real catalog and database: sign-in, lockout, sessions, the administrator's page.</summary>
public sealed class SignInTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    private const string Grace = "grace@datamesh.example";
    private const string GracePassword = "grace-first-password";

    /// <summary>The administrator signed in, and Grace, whose account the administrator created, signed in too.</summary>
    private async Task<(PersonSession Admin, PersonSession Grace)> AdministratorAndGraceAsync()
    {
        var admin = new PersonSession(Catalog);
        await admin.SignInAsAdministratorAsync();
        await admin.CreateAccountAsync(Grace, GracePassword);
        var grace = new PersonSession(Catalog);
        PersonSession.AssertSignedIn(await grace.SignInAsync(Grace, GracePassword));
        return (admin, grace);
    }

    [Fact]
    public async Task The_administrator_from_the_settings_signs_in_and_reaches_the_people_page()
    {
        using var admin = new PersonSession(Catalog);
        await admin.SignInAsAdministratorAsync();

        var people = await admin.GetAsync(PersonPages.Accounts);
        Assert.Equal(HttpStatusCode.OK, people.StatusCode);
        var page = await people.Content.ReadAsStringAsync();
        Assert.Contains($"Signed in as <strong>{CatalogHost.AdministratorUserName}</strong> (administrator)", page);
        Assert.Contains($"<td>{CatalogHost.AdministratorUserName}</td>", page);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account_until_an_administrator_resets_it()
    {
        using var admin = new PersonSession(Catalog);
        await admin.SignInAsAdministratorAsync();
        await admin.CreateAccountAsync(Grace, GracePassword);

        using var guesser = new PersonSession(Catalog);
        for (var attempt = 1; attempt <= PeopleServiceExtensions.MaxFailedSignIns; attempt++)
        {
            var wrong = await guesser.SignInAsync(Grace, $"not-the-password-{attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains(attempt < PeopleServiceExtensions.MaxFailedSignIns ? "Wrong user name or password." : "This account is locked", await wrong.Content.ReadAsStringAsync());
        }

        using var grace = new PersonSession(Catalog);
        var locked = await grace.SignInAsync(Grace, GracePassword);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("This account is locked", await locked.Content.ReadAsStringAsync());

        var reset = await admin.PostFormAsync(PersonPages.Accounts, $"{PersonPages.Accounts}?handler=Reset", ("userName", Grace), ("password", "grace-second-password"));
        Assert.Contains($"{Grace}&#x27;s password is reset and the account unlocked", await reset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await grace.SignInAsync(Grace, GracePassword)).StatusCode);
        PersonSession.AssertSignedIn(await grace.SignInAsync(Grace, "grace-second-password"));
    }

    [Fact]
    public async Task Signing_out_ends_the_session_even_for_a_copy_of_its_cookie()
    {
        using var admin = new PersonSession(Catalog);
        await admin.SignInAsAdministratorAsync();
        var copied = admin.CookieHeader;
        using var replay = Catalog.CreateDefaultClient();
        replay.DefaultRequestHeaders.Add("Cookie", copied);
        Assert.Equal(HttpStatusCode.OK, (await replay.GetAsync(PersonPages.Accounts)).StatusCode);

        var signedOut = await admin.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync(PersonPages.Accounts)).StatusCode);
        var replayed = await replay.GetAsync(PersonPages.Accounts);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith(PersonPages.SignIn, replayed.Headers.Location?.PathAndQueryOrOriginal());
    }

    [Fact]
    public async Task The_people_page_sends_anonymous_visitors_to_sign_in_and_refuses_people_who_are_not_administrators()
    {
        using var anonymous = new PersonSession(Catalog);
        var toSignIn = await anonymous.GetAsync(PersonPages.Accounts);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.Equal($"{PersonPages.SignIn}?ReturnUrl=%2Fpeople", toSignIn.Headers.Location?.PathAndQueryOrOriginal());

        var (admin, grace) = await AdministratorAndGraceAsync();
        using var _ = admin;
        using var __ = grace;

        var denied = await grace.GetAsync(PersonPages.Accounts);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith(PersonPages.AccessDenied, denied.Headers.Location?.PathAndQueryOrOriginal());
        Assert.Equal(HttpStatusCode.Forbidden, (await grace.GetAsync(denied.Headers.Location!.OriginalString)).StatusCode);

        // With a valid token of her own session, a forged create is still refused, and creates nothing.
        var forged = await grace.PostFormAsync(PersonPages.Password, $"{PersonPages.Accounts}?handler=Create", ("userName", "mallory"), ("password", "mallory-password"), ("administrator", "true"));
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.StartsWith(PersonPages.AccessDenied, forged.Headers.Location?.PathAndQueryOrOriginal());
        Assert.DoesNotContain("mallory", await (await admin.GetAsync(PersonPages.Accounts)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Forms_posted_without_their_antiforgery_token_are_refused()
    {
        using var anonymous = new PersonSession(Catalog);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostWithoutTokenAsync(PersonPages.SignIn,
            ("userName", CatalogHost.AdministratorUserName), ("password", CatalogHost.AdministratorPassword))).StatusCode);

        using var admin = new PersonSession(Catalog);
        await admin.SignInAsAdministratorAsync();
        var create = await admin.PostWithoutTokenAsync($"{PersonPages.Accounts}?handler=Create", ("userName", "mallory"), ("password", "mallory-password"));
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostWithoutTokenAsync(PersonPages.SignOut)).StatusCode);
        Assert.DoesNotContain("mallory", await (await admin.GetAsync(PersonPages.Accounts)).Content.ReadAsStringAsync());
    }

    [Fact]
    public void No_page_of_the_catalog_opts_out_of_antiforgery()
    {
        var optedOut = typeof(CatalogServiceExtensions).Assembly.GetTypes()
            .SelectMany(type => (IEnumerable<System.Reflection.MemberInfo>)[type, .. type.GetMethods()])
            .Where(member => member.IsDefined(typeof(Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute), inherit: true))
            .Select(member => $"{member.DeclaringType?.Name}.{member.Name}");
        Assert.Empty(optedOut);
    }

    [Fact]
    public async Task A_person_changes_their_own_password_and_the_old_one_stops_working()
    {
        var (admin, grace) = await AdministratorAndGraceAsync();
        using var _ = admin;
        using var __ = grace;

        var mismatch = await grace.PostFormAsync(PersonPages.Password, PersonPages.Password,
            ("currentPassword", GracePassword), ("newPassword", "grace-better-password"), ("confirmPassword", "grace-other-password"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mismatch.StatusCode);
        var changed = await grace.PostFormAsync(PersonPages.Password, PersonPages.Password,
            ("currentPassword", GracePassword), ("newPassword", "grace-better-password"), ("confirmPassword", "grace-better-password"));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Contains("Your password is changed.", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await grace.GetAsync(PersonPages.Password)).StatusCode);

        using var later = new PersonSession(Catalog);
        Assert.Equal(HttpStatusCode.Unauthorized, (await later.SignInAsync(Grace, GracePassword)).StatusCode);
        PersonSession.AssertSignedIn(await later.SignInAsync(Grace, "grace-better-password"));
    }
}
