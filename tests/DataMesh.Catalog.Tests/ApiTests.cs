using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DataMesh.Catalog.Api;
using DataMesh.Testing;

namespace DataMesh.Catalog.Tests;

/// <summary>The API's contract with its callers: an OpenAPI document and reference, RFC 7807 for errors, size limits (on Kestrel, which enforces them).</summary>
public sealed class ApiTests(PostgresServerFixture postgres) : CatalogTest(postgres, onRealPort: true)
{
    [Fact]
    public async Task The_OpenAPI_document_describes_the_public_versioned_API_only()
    {
        using var http = new HttpClient { BaseAddress = Catalog.Address };

        var document = await http.GetFromJsonAsync<JsonElement>("/api/catalog/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains($"{CatalogApi.Prefix}/products", paths);
        Assert.Contains($"{CatalogApi.Prefix}/products/{{id}}", paths);
        Assert.Contains($"{CatalogApi.Prefix}/access-requests/{{id}}/approve", paths);
        // The mesh's own endpoints (the domains' registrations, the gateway's look-ups, the sidecar's deliveries) are not public.
        Assert.All(new[] { "/registrations", "/keys/lookup", "/edge/policy", "/observations" }, internalPath => Assert.DoesNotContain(paths, p => p.StartsWith(CatalogApi.Prefix + internalPath, StringComparison.Ordinal)));
        Assert.DoesNotContain(paths, p => p.StartsWith("/dapr", StringComparison.Ordinal));
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(MeshHeaders.ApiKey, schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        Assert.Equal("cookie", schemes.GetProperty("SignInCookie").GetProperty("in").GetString());
    }

    [Fact]
    public async Task The_browsable_reference_is_served_without_a_CDN()
    {
        using var http = new HttpClient { BaseAddress = Catalog.Address };

        var response = await http.GetAsync("/api/catalog/reference");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script[^>]+src=\"https?://", page);
    }

    [Fact]
    public async Task Errors_are_problem_details()
    {
        using var http = new HttpClient { BaseAddress = Catalog.Address };

        var unknown = await http.GetAsync($"{CatalogApi.Prefix}/nothing-here");
        var malformed = await http.PostAsync($"{CatalogApi.Prefix}/registrations", new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("registrations", RegistrationRequestRules.MaxBodyBytes + 1024)]
    [InlineData("access-requests", (1024 * 1024) + 1024)]
    public async Task Bodies_over_the_limit_are_refused_with_413(string path, int bytes)
    {
        using var http = RefusalAwaitingClient.For(Catalog.Address);
        var body = JsonSerializer.Serialize(new { domain = "hr", purpose = new string('x', bytes) });

        // Expect: 100-continue, so the client waits for the answer instead of writing into a closed connection.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{CatalogApi.Prefix}/{path}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
