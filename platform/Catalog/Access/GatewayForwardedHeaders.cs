using Microsoft.AspNetCore.HttpOverrides;

namespace DataMesh.Catalog.Access;

/// <summary>
/// Whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> the catalog believes: the gateway's alone, proven by its
/// service credential (<see cref="ServiceCredentials.Gateway"/>), which it sends on every request it forwards here, pages
/// and API alike. People reach the catalog at the gateway's address, so the sign-in redirects (the OpenID Connect
/// <c>redirect_uri</c>, the way to the sign-in page) and secure cookies need the host and scheme the gateway received.
/// Anyone else's forwarded headers are ignored: they change neither the address, the host nor the scheme the catalog
/// sees, whatever ASP.NET Core's own switch (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>, which believes anyone) says.
/// </summary>
public static class GatewayForwardedHeaders
{
    /// <summary>Turns ASP.NET Core's own forwarded headers middleware (the switch's) into one that reads nothing.</summary>
    public static IServiceCollection AddGatewayForwardedHeaders(this IServiceCollection services) =>
        services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.None);

    /// <summary>First in the pipeline: applies the gateway's forwarded headers, and only the gateway's.</summary>
    public static IApplicationBuilder UseGatewayForwardedHeaders(this IApplicationBuilder app)
    {
        var fromGateway = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            // The immediate hop is the gateway, its credential verified: its own entry (the last) is believed, nothing before it.
            ForwardLimit = 1,
        };
        fromGateway.KnownProxies.Clear();
        fromGateway.KnownIPNetworks.Clear();
        return app.UseWhen(IsFromGateway, branch => branch.UseForwardedHeaders(fromGateway));
    }

    private static bool IsFromGateway(HttpContext http) =>
        http.RequestServices.GetRequiredService<ServiceCredentials>().Identify(http.Request.Headers[MeshHeaders.ServiceCredential]) == ServiceCredentials.Gateway;
}
