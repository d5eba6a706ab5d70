using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace DataMesh.EndToEnd.Tests;

/// <summary>Every domain registers its data products with the catalog on startup, and the catalog draws their lineage.</summary>
[Collection(LocalMesh.Collection)]
public sealed class CatalogRegistrationTests(LocalMesh mesh)
{
    private static readonly TimeSpan Registration = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_domains_products_are_in_the_catalog_with_their_lineage()
    {
        using var gateway = mesh.Gateway();
        string[] products = ["hr.employees", "hr.headcount", "finance.budgets", "finance.cost-center-actuals", "marketing.campaigns", "marketing.leads"];

        foreach (var product in products)
        {
            await Eventually.TrueAsync(
                async () => (await gateway.GetAsync($"/api/catalog/v1/products/{product}")).StatusCode == HttpStatusCode.OK,
                Registration,
                () => $"{product} is not in the catalog after {Registration}.");
        }

        var lineage = await gateway.GetFromJsonAsync<JsonElement>("/api/catalog/v1/products/finance.cost-center-actuals/lineage");
        var upstream = lineage.GetProperty("upstream").EnumerateArray().Select(link => link.GetProperty("dataProductId").GetString()).Order().ToList();
        Assert.Equal(["hr.employees", "marketing.campaigns"], upstream);
        var downstream = (await gateway.GetFromJsonAsync<JsonElement>("/api/catalog/v1/products/hr.employees/lineage")).GetProperty("downstream");
        Assert.Contains(downstream.EnumerateArray(), link => link.GetProperty("dataProductId").GetString() == "finance.cost-center-actuals");
    }
}
