using System.Net;
using System.Text.Json.Nodes;
using DataMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace DataMesh.Gateway.Tests;

/// <summary>
/// People sign in to the catalog at the gateway's address, so the OpenID Connect provider sends them back there: the
/// gateway, with the routes the AppHost writes (read from the committed manifest, which the AppHost tests prove current),
/// forwards the provider's callbacks to the catalog, with its own credential and the host and scheme it received, which
/// the catalog believes beside that credential only.
/// </summary>
public sealed class SignInRoutesTests
{
    private const string Catalog = "catalog";
    private const string GatewayCredential = "the-gateway-credential-of-this-test-only";

    [Theory]
    [InlineData("/signin-oidc?code=from-the-provider&state=kept-by-the-catalog")]
    [InlineData("/signout-callback-oidc?state=kept-by-the-catalog")]
    public async Task The_providers_callbacks_reach_the_catalog_with_the_gateways_credential_host_and_scheme(string callback)
    {
        await using var catalog = await EchoDestination.StartAsync();
        await using var gateway = TestGateway.Start([.. RoutesAsTheAppHostWritesThem(catalog.Address), ("Mesh:ServiceCredential", GatewayCredential)]);
        using var client = gateway.CreateClient();

        using var answer = await client.GetAsync(callback);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(callback.Split('?')[0], Seen(answer, "Path"));
        Assert.Equal(GatewayCredential, Seen(answer, MeshHeaders.ServiceCredential));
        Assert.Equal(client.BaseAddress!.Authority, Seen(answer, "X-Forwarded-Host"));
        Assert.Equal(client.BaseAddress.Scheme, Seen(answer, "X-Forwarded-Proto"));
    }

    private static string Seen(HttpResponseMessage answer, string what) =>
        answer.Headers.TryGetValues(EchoDestination.Seen + what, out var values) ? string.Join(",", values) : "";

    /// <summary>
    /// The gateway's routes and clusters from the manifest (<c>ReverseProxy__*</c>), the catalog's cluster sent to
    /// <paramref name="catalog"/> and every other cluster to a port where nothing answers.
    /// </summary>
    private static IEnumerable<(string Key, string Value)> RoutesAsTheAppHostWritesThem(Uri catalog)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.Root, "aspire-manifest.json")))!;
        foreach (var (name, value) in manifest["resources"]!["gateway"]!["env"]!.AsObject())
        {
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            if (!key.StartsWith("ReverseProxy:", StringComparison.Ordinal))
            {
                continue;
            }

            yield return key.Split(':') is ["ReverseProxy", "Clusters", var cluster, "Destinations", _, "Address"]
                ? (key, cluster == Catalog ? catalog.ToString() : "http://127.0.0.1:9")
                : (key, (string)value!);
        }
    }
}
