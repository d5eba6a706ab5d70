using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Hr.Tests;

[Collection(PostgresCollection.Name)]
public sealed class OpenApiTests(PostgresServerFixture postgres)
{
    private static readonly string[] Endpoints = ["/api/hr/employees", "/api/hr/employees/{id}", "/api/hr/employees/{id}/termination", "/api/hr/departments", "/api/hr/headcount"];

    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_and_the_reference_is_served()
    {
        await using var service = await HrService.StartAsync(postgres);

        var document = await service.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var reference = await service.Client.GetAsync("/scalar");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(Endpoints, endpoint => Assert.Contains(endpoint, paths));
        Assert.True(reference.IsSuccessStatusCode, $"/scalar answered {(int)reference.StatusCode}");
    }
}
