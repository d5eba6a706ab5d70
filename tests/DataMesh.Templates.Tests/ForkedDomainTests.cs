using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataMesh.Testing;

namespace DataMesh.Templates.Tests;

/// <summary>
/// The README's "Add your own domain", done in a copy of the repository: install the template, instantiate it,
/// add the one line it prints, build, run the new domain's tests, start the mesh and find the domain there.
/// </summary>
public sealed partial class ForkedDomainTests(ForkedRepository fork) : IClassFixture<ForkedRepository>
{
    private static readonly TimeSpan MeshStart = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TestRun = TimeSpan.FromMinutes(6);

    [Fact]
    public void Each_instantiation_prints_the_one_line_that_joins_the_mesh_and_adds_its_projects_to_the_solution()
    {
        Assert.Equal("""mesh.AddDomain<Projects.Sales>("sales");""", ForkedRepository.JoiningLine(fork.SalesOutput));
        Assert.Equal("""mesh.AddDomain<Projects.Staffing>("staffing");""", ForkedRepository.JoiningLine(fork.StaffingOutput));
        var solution = File.ReadAllText(Path.Combine(fork.Repository, "DataMesh.Aspire.sln"));
        Assert.All(
            [@"domains\sales\Sales\Sales.csproj", @"domains\sales\Sales.Tests\Sales.Tests.csproj", @"domains\staffing\Staffing\Staffing.csproj", @"domains\staffing\Staffing.Tests\Staffing.Tests.csproj"],
            project => Assert.Contains(project, solution, StringComparison.Ordinal));
    }

    [Fact]
    public void The_new_domain_has_the_layout_of_the_samples()
    {
        var sales = Path.Combine(fork.Repository, "domains", "sales");

        Assert.All(
            ["Sales/Sales.csproj", "Sales/Program.cs", "Sales/DataProducts/orders.odps.yaml", "Sales/DataProducts/orders.odcs.yaml",
             "Sales/Persistence/SalesDbContext.cs", "Sales/Persistence/SalesDbContextFactory.cs", "Sales/Persistence/SalesDemoData.cs",
             "Sales/Persistence/Migrations/SalesDbContextModelSnapshot.cs", "Sales/Api/OrdersApi.cs", "Sales/Commands/OrderBook.cs",
             "Sales/Model/Order.cs", "Sales.Tests/Sales.Tests.csproj", "README.md"],
            file => Assert.True(File.Exists(Path.Combine(sales, file)), $"domains/sales/{file} is missing."));
        Assert.False(Directory.Exists(Path.Combine(sales, "Sales", "EventHandlers")), "A domain that consumes nothing has no event handlers.");
        Assert.False(Directory.Exists(Path.Combine(sales, "Sales", "DataProducts", "upstream")), "A domain that consumes nothing keeps no upstream copies.");
        Assert.True(File.Exists(Path.Combine(fork.Repository, "domains", "staffing", "Staffing", "EventHandlers", "HeadcountHandler.cs")));
        Assert.True(File.Exists(Path.Combine(fork.Repository, "domains", "staffing", "Staffing", "DataProducts", "upstream", "hr", "headcount.odcs.yaml")));
        Assert.True(File.Exists(Path.Combine(fork.Repository, "domains", "procurement", "Procurement", "Model", "PurchaseOrder.cs")));
        Assert.True(File.Exists(Path.Combine(fork.Repository, "domains", "procurement", "Procurement", "DataProducts", "purchase-orders.odcs.yaml")));
    }

    public static TheoryData<string> TestProjects() => [.. ForkedRepository.TestProjects];

    [Theory]
    [MemberData(nameof(TestProjects))]
    public async Task The_new_domains_own_tests_pass(string project)
    {
        var output = await DotnetCommand.RunAsync(fork.Repository, TestRun, "test", project, "--no-build", "--configuration", RepositoryLayout.Configuration);

        var summary = TestSummary().Match(output);
        Assert.True(summary.Success, output);
        Assert.Equal("0", summary.Groups["failed"].Value);
        Assert.True(int.Parse(summary.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 9, summary.Value);
    }

    [Fact]
    public async Task The_mesh_runs_the_new_domains_at_their_prefix_and_the_catalog_lists_their_products()
    {
        await using var mesh = ForkedMesh.Start(fork);

        foreach (var domain in new[] { "sales", "staffing" })
        {
            // The domain answers GET /api/{domain}/ from its own database: started, migrated and routed.
            await Eventually.TrueAsync(
                async () => await DescriptionAsync(mesh.Gateway, domain) is { } description && description.Domain == domain && description.Database == domain,
                MeshStart,
                () => $"/api/{domain}/ did not answer through the gateway within {MeshStart}:\n{mesh.Log}");
        }

        foreach (var product in new[] { "sales.orders", "staffing.shifts" })
        {
            await Eventually.TrueAsync(
                async () => (await mesh.Gateway.CatalogAsync($"products/{product}"))?.GetProperty("id").GetString() == product,
                MeshStart,
                () => $"{product} is not in the catalog:\n{mesh.Log}");
        }

        var lineage = await mesh.Gateway.CatalogAsync("products/staffing.shifts/lineage");
        Assert.Contains(lineage!.Value.GetProperty("upstream").EnumerateArray(), link => link.GetProperty("dataProductId").GetString() == "hr.headcount");

        // HR's demo data publishes headcount figures; staffing's event handler keeps them.
        await Eventually.TrueAsync(
            async () => await mesh.Gateway.SendToDomainAsync("staffing", "headcount") is { IsSuccessStatusCode: true } response
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength() > 0,
            MeshStart,
            () => $"staffing received no hr.headcount events:\n{mesh.Log}");
        var orders = await mesh.Gateway.SendToDomainAsync("sales", "orders");
        Assert.Equal(HttpStatusCode.OK, orders?.StatusCode);
        Assert.Equal(3, (await orders!.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("totalCount").GetInt32());
    }

    private static async Task<DomainDescription?> DescriptionAsync(MeshGateway gateway, string domain) =>
        await gateway.SendToDomainAsync(domain) is { StatusCode: HttpStatusCode.OK } response
            ? await response.Content.ReadFromJsonAsync<DomainDescription>()
            : null;

    [GeneratedRegex(@"Failed:\s+(?<failed>\d+), Passed:\s+(?<passed>\d+), Skipped:\s+0")]
    private static partial Regex TestSummary();

    private sealed record DomainDescription(string Domain, string Database);
}
