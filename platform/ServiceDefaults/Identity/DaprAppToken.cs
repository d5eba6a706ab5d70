using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// The endpoints only the app's own Dapr sidecar may call (subscriptions, deliveries): daprd sends the app API token
/// (<c>APP_API_TOKEN</c>) in <c>dapr-api-token</c> on every call to its app, and anything else is refused.
/// </summary>
public static class DaprAppToken
{
    /// <summary>
    /// Refuses (401) a call without the app's Dapr token. A service given no token refuses every such call: nobody
    /// can prove to be its sidecar.
    /// </summary>
    public static TBuilder RequireDaprAppToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var expected = http.RequestServices.GetRequiredService<IConfiguration>()[MeshCredentials.AppApiTokenVariable];
            return IsValid(expected, http.Request.Headers[MeshHeaders.DaprApiToken])
                ? await next(context)
                : Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Only the app's Dapr sidecar may call this endpoint",
                    detail: $"{MeshHeaders.DaprApiToken}: missing or not the app's token");
        });

    /// <summary>Compares in constant time, so the answer's timing tells nothing about the token.</summary>
    public static bool IsValid(string? expected, string? presented) =>
        !string.IsNullOrEmpty(expected) && presented is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(presented));
}
