using DataMesh.Catalog.Api;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace DataMesh.Catalog.People;

/// <summary>
/// How people sign in to the catalog: local accounts (ASP.NET Core Identity) and, when configured, an OpenID Connect
/// provider; a cookie session either way, checked against the account on every request so that signing out, a
/// password change or a reset ends it.
/// </summary>
public static class PeopleServiceExtensions
{
    /// <summary>NIST SP 800-63B: length rather than composition rules.</summary>
    public const int MinPasswordLength = 12;

    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>How long a session lasts without a request; each request renews it.</summary>
    public static readonly TimeSpan IdleSession = TimeSpan.FromHours(8);

    /// <summary>The identity migrations keep their own history, in their own schema.</summary>
    public static void UseHistoryTable(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable(HistoryRepository.DefaultTableName, CatalogIdentityDbContext.Schema);

    /// <exception cref="InvalidOperationException">The OpenID Connect settings are incomplete; the message names the setting.</exception>
    public static IHostApplicationBuilder AddPeople(this IHostApplicationBuilder builder)
    {
        var provider = OpenIdConnectSignInSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(provider);
        builder.Services.AddSingleton(AdministratorSettings.Read(builder.Configuration));
        builder.Services.AddDbContext<CatalogIdentityDbContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql =>
            {
                UseHistoryTable(npgsql);
                npgsql.EnableRetryOnFailure();
            }));
        builder.Services.AddDataProtection().PersistKeysToDbContext<CatalogIdentityDbContext>().SetApplicationName(CatalogServiceExtensions.Name);
        builder.Services.AddIdentity<IdentityUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.Lockout.AllowedForNewUsers = true;
                options.ClaimsIdentity.UserNameClaimType = PersonClaims.UserName;
                options.ClaimsIdentity.RoleClaimType = PersonClaims.Role;
            })
            .AddEntityFrameworkStores<CatalogIdentityDbContext>()
            .AddDefaultTokenProviders();
        // The session is checked against the account on every request: signing out changes the account's security
        // stamp, so a copy of the old cookie stops working at once.
        builder.Services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = IdleSession;
            options.SlidingExpiration = true;
            options.LoginPath = PersonPages.SignIn;
            options.LogoutPath = PersonPages.SignOut;
            options.AccessDeniedPath = PersonPages.AccessDenied;
            // The API answers with a status and a problem, never a redirect to a page.
            options.Events.OnRedirectToLogin = context => RedirectPagesOnly(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectPagesOnly(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PersonPolicies.Administrator, policy => policy.RequireAuthenticatedUser().RequireRole(PersonClaims.AdministratorRole));
        builder.Services.AddScoped<FirstAdministrator>();
        builder.Services.AddScoped<ProviderSignIn>();
        builder.Services.Configure<RazorPagesOptions>(options =>
        {
            foreach (var (page, route) in PersonPages.Routes)
            {
                options.Conventions.AddPageRouteModelConvention(page, model => Route(model, route));
            }
        });
        if (provider.IsConfigured)
        {
            builder.Services.AddAuthentication().AddOpenIdConnect(ProviderSignIn.Scheme, provider.DisplayName, options => Use(provider, options));
        }

        return builder;
    }

    /// <summary>Applies the identity migrations and makes sure the first administrator exists.</summary>
    public static async Task PreparePeopleAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<CatalogIdentityDbContext>().Database.MigrateAsync(cancellationToken);
        await services.GetRequiredService<FirstAdministrator>().EnsureAsync();
    }

    private static void Use(OpenIdConnectSignInSettings provider, OpenIdConnectOptions options)
    {
        // The provider's answer lands in Identity's external cookie; the sign-in page turns it into a catalog session.
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.Authority = provider.Authority;
        options.ClientId = provider.ClientId;
        options.ClientSecret = provider.ClientSecret;
        options.RequireHttpsMetadata = provider.RequireHttpsMetadata;
        options.CallbackPath = PersonPages.ProviderCallback;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // A top-level redirect back, so the correlation cookies can stay SameSite=Lax instead of None.
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // The claims keep the provider's names, the ones the settings use.
        options.MapInboundClaims = false;
        options.Scope.Clear();
        foreach (var scope in (string[])[OpenIdConnectScope.OpenId, OpenIdConnectScope.OpenIdProfile, .. provider.Scopes])
        {
            options.Scope.Add(scope);
        }
    }

    private static Task RedirectPagesOnly(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments(CatalogApi.Prefix))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private static void Route(PageRouteModel model, string route)
    {
        foreach (var selector in model.Selectors)
        {
            selector.AttributeRouteModel!.Template = route.TrimStart('/');
        }
    }
}
