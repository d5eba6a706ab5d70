using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// A real OpenID Connect provider for the sign-in tests (OpenIddict, its registrations in a real PostgreSQL database),
/// on a free loopback port: the authorization code flow with PKCE, a login form of its own where a person types who
/// they are, and id tokens carrying <c>preferred_username</c> and <c>role</c>. Test code only, never the product's.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "catalog";

    /// <summary>Only ever a test's.</summary>
    public const string ClientSecret = "catalog-test-client-secret";

    public const string RolesScope = Scopes.Roles;

    private const string LoginPath = "/login";
    private readonly WebApplication _app;

    private TestOpenIdProvider(WebApplication app) => _app = app;

    /// <summary>The issuer, where the discovery document is served.</summary>
    public Uri Authority => new(_app.Urls.Single() + "/");

    /// <param name="people">Who may sign in here, with their roles.</param>
    public static async Task<TestOpenIdProvider> StartAsync(string connectionString, IReadOnlyDictionary<string, string[]> people)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Development });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDbContext<ProviderDbContext>(options => options.UseNpgsql(connectionString).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ProviderDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                server.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                server.RegisterScopes(Scopes.Profile, RolesScope);
                // Plain HTTP on loopback, for the test only; the catalog is told so with RequireHttpsMetadata=false.
                server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "test-provider-session";
            cookie.LoginPath = LoginPath;
        });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(LoginPath, (string? returnUrl) => Results.Content(
            $"""
            <!DOCTYPE html><html lang="en"><head><title>Test provider</title></head><body>
            <h1>Test provider</h1>
            <form method="post"><input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}" />
            <label for="who">Who are you?</label><input id="who" name="who" /><button type="submit">Continue</button></form>
            </body></html>
            """, "text/html"));
        app.MapPost(LoginPath, async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            var who = form["who"].ToString();
            if (!people.ContainsKey(who))
            {
                return Results.Unauthorized();
            }

            await http.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, who)], CookieAuthenticationDefaults.AuthenticationScheme)));
            return Results.LocalRedirect(form["returnUrl"].ToString());
        });
        app.MapMethods("connect/authorize", [HttpMethods.Get, HttpMethods.Post], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
            var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            if (session is not { Succeeded: true, Principal.Identity.Name: { } who })
            {
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path + http.Request.QueryString });
            }

            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, $"subject-{who}").SetClaim(Claims.PreferredUsername, who).SetClaims(Claims.Role, [.. people[who]]);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProviderDbContext>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return new TestOpenIdProvider(app);
    }

    /// <summary>Registers the catalog as a confidential client that comes back to <paramref name="catalog"/>.</summary>
    public async Task RegisterCatalogAsync(Uri catalog)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            RedirectUris = { new Uri(catalog, DataMesh.Catalog.People.PersonPages.ProviderCallback) },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>OpenIddict's applications, authorizations and tokens.</summary>
    private sealed class ProviderDbContext(DbContextOptions<ProviderDbContext> options) : DbContext(options);
}
