using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Domain1.Tests;

[Collection(PostgresCollection.Name)]
public sealed class OpenApiTests(PostgresServerFixture postgres)
{
    private static readonly string[] Endpoints = [Domain1Service.Product1, $"{Domain1Service.Product1}/{{id}}", $"{Domain1Service.Product1}/{{id}}/closure"];

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_and_the_reference_is_served()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);

        var document = await domain1.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var reference = await domain1.Client.GetAsync("/scalar");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(Endpoints, endpoint => Assert.Contains(endpoint, paths));
        Assert.True(reference.IsSuccessStatusCode, $"/scalar answered {(int)reference.StatusCode}");
    }
}
