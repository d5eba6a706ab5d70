extern alias catalog;
extern alias finance;
extern alias hr;
extern alias marketing;
using DataMesh.DataProducts.Registration;
using CatalogAdministrator = catalog::DataMesh.Catalog.People.AdministratorSettings;
using CatalogCredentials = catalog::DataMesh.Catalog.Access.ServiceCredentials;
using DataMesh.Testing;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DataMesh.OpenApi.Tests;

/// <summary>Each service's OpenAPI document, as the running service serves it, passes Spectral's OWASP ruleset without an error.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DomainDocumentTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Finance() => await AssertLintsCleanAsync(new DomainApiFactory<finance::Program>("finance", await postgres.CreateDatabaseAsync("finance"), Definitions("finance", "Finance")), "finance");

    [Fact]
    public async Task Hr() => await AssertLintsCleanAsync(new DomainApiFactory<hr::Program>("hr", await postgres.CreateDatabaseAsync("hr"), Definitions("hr", "Hr")), "hr");

    [Fact]
    public async Task Marketing() => await AssertLintsCleanAsync(new DomainApiFactory<marketing::Program>("marketing", await postgres.CreateDatabaseAsync("marketing"), Definitions("marketing", "Marketing")), "marketing");

    [Fact]
    public async Task Catalog() => await AssertLintsCleanAsync(new DomainApiFactory<catalog::Program>("catalog", await postgres.CreateDatabaseAsync("catalog"), CatalogSettings()), "catalog", "/api/catalog/openapi/v1.json");

    /// <summary>What the catalog needs to start: a credential per calling service and the first administrator (test-only values).</summary>
    private static Dictionary<string, string?> CatalogSettings() => new[] { CatalogCredentials.Gateway, "hr", "finance", "marketing" }
        .ToDictionary(service => $"{CatalogCredentials.Section}:{service}", service => (string?)$"openapi-test-credential-of-{service}-0123456789")
        .Append(new(CatalogAdministrator.UserNameKey, "admin@datamesh.example"))
        .Append(new(CatalogAdministrator.PasswordKey, "openapi-test-administrator-password"))
        .ToDictionary();

    /// <summary>The domain's own definitions folder: in this test's output the three domains' copies would mix.</summary>
    private static Dictionary<string, string?> Definitions(string domain, string project) => new()
    {
        [DataProductsOptions.DefinitionsFolderKey] = Path.Combine(RepositoryLayout.Root, "domains", domain, project, "DataProducts"),
    };

    private static async Task AssertLintsCleanAsync<TProgram>(WebApplicationFactory<TProgram> service, string name, string path = "/openapi/v1.json")
        where TProgram : class
    {
        await using (service)
        {
            var document = await service.CreateClient().GetStringAsync(path);

            var errors = (await Spectral.LintAsync(document, name)).Where(finding => finding.Severity == 0).ToList();

            Assert.True(errors.Count == 0, $"Spectral finds {errors.Count} errors in {name}'s document:\n{string.Join("\n", errors)}");
        }
    }
}
