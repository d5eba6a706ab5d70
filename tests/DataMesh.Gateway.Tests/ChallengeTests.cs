using System.Net;
using Microsoft.Extensions.Hosting;

namespace DataMesh.Gateway.Tests;

/// <summary>A caller the gateway does not know is told how to authenticate, as RFC 9110 asks of every 401.</summary>
public sealed class ChallengeTests
{
    [Fact]
    public async Task A_call_without_a_key_to_a_keyed_route_gets_401_with_the_api_key_challenge()
    {
        await using var destination = await EchoDestination.StartAsync();
        await using var gateway = TestGateway.Start(
        [
            ("ReverseProxy:Routes:keyed:ClusterId", "destination"),
            ("ReverseProxy:Routes:keyed:Match:Path", "/{**rest}"),
            ($"ReverseProxy:Routes:keyed:Metadata:{GatewayRouteMetadata.Access}", "Keyed"),
            ("ReverseProxy:Clusters:destination:Destinations:d1:Address", destination.Address.ToString()),
        ]);
        using var client = gateway.CreateClient();

        using var refused = await client.PostAsync("/anything", content: null);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var challenge = Assert.Single(refused.Headers.WwwAuthenticate);
        Assert.Equal(("ApiKey", "header=\"X-Api-Key\""), (challenge.Scheme, challenge.Parameter));
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
