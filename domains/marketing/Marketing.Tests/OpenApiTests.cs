using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Marketing.Tests;

[Collection(PostgresCollection.Name)]
public sealed class OpenApiTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_openapi_document_describes_every_marketing_endpoint_and_the_reference_is_served_in_development()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        var document = await marketing.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var reference = await marketing.Client.GetAsync("/scalar");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string>
        {
            "/api/marketing/campaigns",
            "/api/marketing/campaigns/{id}",
            "/api/marketing/campaigns/{id}/launch",
            "/api/marketing/campaigns/{id}/spend",
            "/api/marketing/campaigns/{id}/completion",
            "/api/marketing/leads",
            "/api/marketing/leads/{id}",
            "/api/marketing/leads/{id}/conversion",
            "/api/marketing/planning",
        }, paths);
        Assert.True(reference.IsSuccessStatusCode, reference.StatusCode.ToString());
    }
}
