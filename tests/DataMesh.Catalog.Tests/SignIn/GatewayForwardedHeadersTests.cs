using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.People;
using DataMesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// People reach the catalog at the gateway's address, and the gateway tells the catalog the host, scheme and client address
/// it received (<c>X-Forwarded-Host</c>, <c>-Proto</c>, <c>-For</c>). The catalog, on a real port, with an OpenID Connect
/// provider the test starts, believes them beside the gateway's credential only, even with ASP.NET Core's own switch on
/// (<c>FORWARDEDHEADERS_ENABLED</c>, which believes anyone and which Aspire set on every published service).
/// </summary>
public sealed partial class GatewayForwardedHeadersTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private const string PublicHost = "mesh.example:8443";
    private const string RequestIdHeader = "X-Test-Request";
    private static readonly IPAddress ClaimedClient = IPAddress.Parse("203.0.113.7");

    private readonly RequestsSeen _seen = new();
    private TestOpenIdProvider _provider = null!;
    private CatalogHost _catalog = null!;

    public async Task InitializeAsync()
    {
        _provider = await TestOpenIdProvider.StartAsync(await postgres.CreateDatabaseAsync("provider"), new Dictionary<string, string[]>());
        var provider = OpenIdConnectSignInSettings.Section;
        _catalog = await CatalogHost.StartAsync(postgres, onRealPort: true, settings: new Dictionary<string, string?>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.Authority)}"] = _provider.Authority.ToString(),
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.ClientId)}"] = TestOpenIdProvider.ClientId,
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.ClientSecret)}"] = TestOpenIdProvider.ClientSecret,
            [$"{provider}:{nameof(OpenIdConnectSignInSettings.RequireHttpsMetadata)}"] = "false",
        }, configure: host => host.ConfigureServices(services => services.AddSingleton<IStartupFilter>(_seen)));
    }

    public async Task DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _provider.DisposeAsync();
    }

    /// <summary>Nobody, a domain (a mesh service, but not the gateway), and someone guessing the gateway's credential.</summary>
    public static TheoryData<string?> NotTheGateway => new() { null, "hr", "guessed" };

    [Theory]
    [MemberData(nameof(NotTheGateway))]
    public async Task Anyone_elses_forwarded_headers_change_neither_the_sign_in_redirects_nor_the_address_the_catalog_sees(string? service)
    {
        var credential = service switch
        {
            null => null,
            "guessed" => new string('0', _catalog.CredentialOf(ServiceCredentials.Gateway).Length),
            _ => _catalog.CredentialOf(service),
        };
        var caller = new Caller(_catalog.Address, credential);

        Assert.Equal(new Uri(_catalog.Address, PersonPages.ProviderCallback), await caller.ProviderRedirectUriAsync());
        Assert.Equal(new Uri(_catalog.Address, PersonPages.SignIn), await caller.SignInPageAsync());
        var seen = _seen.AddressOf(await caller.RequestAsync());
        Assert.True(seen is not null && IPAddress.IsLoopback(seen), $"the catalog saw {seen}, not the test's own loopback address");
    }

    [Fact]
    public async Task Beside_the_gateways_credential_the_catalog_takes_the_host_scheme_and_address_the_gateway_received()
    {
        var caller = new Caller(_catalog.Address, _catalog.CredentialOf(ServiceCredentials.Gateway));

        Assert.Equal(new Uri($"https://{PublicHost}{PersonPages.ProviderCallback}"), await caller.ProviderRedirectUriAsync());
        Assert.Equal(new Uri($"https://{PublicHost}{PersonPages.SignIn}"), await caller.SignInPageAsync());
        Assert.Equal(ClaimedClient, _seen.AddressOf(await caller.RequestAsync()));
    }

    /// <summary>
    /// A caller that claims the gateway's public address (<see cref="PublicHost"/>, https) and a client's
    /// (<see cref="ClaimedClient"/>) on every request, with <paramref name="credential"/> when given; it keeps its cookies
    /// by hand, so that a cookie marked Secure still comes back over the test's plain HTTP, and follows no redirect.
    /// </summary>
    private sealed class Caller(Uri catalog, string? credential)
    {
        private readonly Dictionary<string, string> _cookies = [];

        /// <summary>The <c>redirect_uri</c> the catalog names when it sends a person to the provider.</summary>
        public async Task<Uri> ProviderRedirectUriAsync()
        {
            using var page = await SendAsync(HttpMethod.Get, PersonPages.SignIn);
            var token = AntiforgeryToken().Match(await page.Content.ReadAsStringAsync());
            Assert.True(token.Success, "the sign-in page renders no antiforgery token");
            using var challenge = await SendAsync(HttpMethod.Post, $"{PersonPages.SignIn}?handler=Provider", new FormUrlEncodedContent(
                [KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]));
            Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
            var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
            return new Uri(query["redirect_uri"].ToString());
        }

        /// <summary>Where a page that takes a signed-in person sends an anonymous one: the sign-in page, without its query.</summary>
        public async Task<Uri> SignInPageAsync()
        {
            using var refused = await SendAsync(HttpMethod.Get, PersonPages.Accounts);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            var location = refused.Headers.Location!;
            Assert.True(location.IsAbsoluteUri, location.OriginalString);
            return new Uri(location.GetLeftPart(UriPartial.Path));
        }

        /// <summary>A request to the liveness endpoint, returning its id for <see cref="RequestsSeen"/>.</summary>
        public async Task<string> RequestAsync()
        {
            var id = Guid.NewGuid().ToString("N");
            using var answer = await SendAsync(HttpMethod.Get, "/alive", requestId: id);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            return id;
        }

        private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, string? requestId = null)
        {
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = catalog };
            using var request = new HttpRequestMessage(method, path) { Content = content };
            request.Headers.Add("X-Forwarded-Host", PublicHost);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", ClaimedClient.ToString());
            if (credential is not null)
            {
                request.Headers.Add(MeshHeaders.ServiceCredential, credential);
            }

            if (requestId is not null)
            {
                request.Headers.Add(RequestIdHeader, requestId);
            }

            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
            }

            var response = await http.SendAsync(request);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                var pair = cookie.Split(';', 2)[0].Split('=', 2);
                _cookies[pair[0]] = pair[1];
            }

            return response;
        }
    }

    /// <summary>
    /// Around the catalog's whole pipeline (a startup filter, outside every middleware of the catalog's own): after a
    /// request, the client address the catalog's parts saw.
    /// </summary>
    private sealed class RequestsSeen : IStartupFilter
    {
        private readonly ConcurrentDictionary<string, IPAddress?> _addresses = new();

        public IPAddress? AddressOf(string requestId) => Assert.Contains(requestId, (IReadOnlyDictionary<string, IPAddress?>)_addresses) switch
        {
            { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4(),
            var address => address,
        };

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, inner) =>
            {
                await inner(http);
                if (http.Request.Headers[RequestIdHeader] is [{ } id])
                {
                    _addresses[id] = http.Connection.RemoteIpAddress;
                }
            });
            next(app);
        };
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
