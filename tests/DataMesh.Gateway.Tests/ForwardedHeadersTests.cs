using System.Net;
using Microsoft.Extensions.Hosting;

namespace DataMesh.Gateway.Tests;

/// <summary>
/// The gateway, as its Program wires it, on a real port in front of a real destination: whose X-Forwarded-For it
/// believes decides which budget an anonymous client spends and what the destination is told.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const int AnonymousRate = 5;

    [Fact]
    public async Task Without_a_known_proxy_a_client_claiming_many_addresses_shares_one_budget_and_the_destination_sees_its_real_address()
    {
        await using var destination = await EchoDestination.StartAsync();
        // Even with ASP.NET Core's own switch on, which Aspire sets on published services and which believes anyone.
        await using var gateway = Gateway(destination, ("FORWARDEDHEADERS_ENABLED", "true"));
        using var client = gateway.CreateClient();

        var answers = await SendFromManyClaimedAddressesAsync(client, AnonymousRate * 4);

        Assert.True(answers.Any(answer => answer.Status == HttpStatusCode.TooManyRequests), string.Join(", ", answers.Select(answer => $"{answer.Claimed} {answer.Status} {answer.ForwardedFor}")));
        Assert.All(answers.Where(answer => answer.Status == HttpStatusCode.OK), answer => Assert.True(IPAddress.IsLoopback(IPAddress.Parse(answer.ForwardedFor)), answer.ForwardedFor));
    }

    [Fact]
    public async Task Behind_a_known_proxy_each_forwarded_address_has_its_own_budget_and_is_the_one_sent_on()
    {
        await using var destination = await EchoDestination.StartAsync();
        await using var gateway = Gateway(destination, ("Edge:KnownNetworks:0", "127.0.0.0/8"), ("Edge:KnownNetworks:1", "::1/128"));
        using var client = gateway.CreateClient();

        var answers = await SendFromManyClaimedAddressesAsync(client, AnonymousRate * 4);

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.Status));
        Assert.Equal(answers.Select(answer => answer.Claimed), answers.Select(answer => answer.ForwardedFor));
    }

    [Fact]
    public void A_known_proxy_that_is_not_an_address_stops_the_start()
    {
        using var gateway = Gateway(null, ("Edge:KnownProxies:0", "proxy.example"));

        var refused = Assert.ThrowsAny<Exception>(() => gateway.CreateClient());

        Assert.Contains("KnownProxies", refused.ToString());
    }

    private static async Task<List<(string Claimed, HttpStatusCode Status, string ForwardedFor)>> SendFromManyClaimedAddressesAsync(HttpClient client, int count)
    {
        var answers = new List<(string, HttpStatusCode, string)>();
        for (var i = 0; i < count; i++)
        {
            var claimed = $"203.0.113.{i + 1}";
            using var request = new HttpRequestMessage(HttpMethod.Get, "/anything");
            request.Headers.Add("X-Forwarded-For", claimed);
            using var response = await client.SendAsync(request);
            answers.Add((claimed, response.StatusCode, response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : ""));
        }

        return answers;
    }

    private static TestGateway Gateway(EchoDestination? destination, params (string Key, string Value)[] settings) =>
        TestGateway.Start(
        [
            ("Edge:AnonymousRequestsPerSecond", AnonymousRate.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            // One open route to the destination, as the AppHost writes the catalog UI's.
            ("ReverseProxy:Routes:open:ClusterId", "destination"),
            ("ReverseProxy:Routes:open:Match:Path", "/{**rest}"),
            ($"ReverseProxy:Routes:open:Metadata:{GatewayRouteMetadata.Access}", "Open"),
            ("ReverseProxy:Clusters:destination:Destinations:d1:Address", destination?.Address.ToString() ?? "http://127.0.0.1:9"),
            .. settings,
        ]);
}
