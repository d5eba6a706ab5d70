using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace DataMesh.Catalog.People;

/// <summary>
/// The catalog's API also answers a person signed in to the catalog UI (its session cookie, see
/// <see cref="Access.CatalogCallerResolver"/>): every operation accepts the API key or the sign-in cookie.
/// </summary>
public sealed class SignInCookieDocument(IOptionsMonitor<CookieAuthenticationOptions> cookies) : IOpenApiDocumentTransformer
{
    public const string SignInCookieScheme = "SignInCookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var cookie = cookies.Get(IdentityConstants.ApplicationScheme).Cookie;
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SignInCookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = cookie.Name ?? CookieAuthenticationDefaults.CookiePrefix + IdentityConstants.ApplicationScheme,
            Description = "The session of a person signed in to the catalog UI (/sign-in).",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SignInCookieScheme, document)] = [] };
        foreach (var operation in (document.Paths ?? []).SelectMany(path => path.Value.Operations ?? []).Select(operation => operation.Value))
        {
            operation.Security ??= [];
            operation.Security.Add(requirement);
        }

        return Task.CompletedTask;
    }
}
