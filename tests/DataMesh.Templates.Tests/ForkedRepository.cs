using System.Text.Json;
using System.Text.RegularExpressions;
using DataMesh.Testing;

namespace DataMesh.Templates.Tests;

/// <summary>
/// A copy of the repository in which a team has added two domains with the template, as the README says:
/// <c>sales</c> from the packed template package (every default), <c>staffing</c> from the template's folder
/// consuming <c>hr.headcount</c>, each joined to the mesh with the one line its instantiation printed; and
/// <c>procurement</c> (consuming <c>finance.budgets</c>, a product named in two words, its entity named by
/// option), left out of the mesh. The AppHost, which references every domain, is built. Each install goes into a private template hive, so the machine's own is left alone.
/// </summary>
public sealed partial class ForkedRepository : IAsyncLifetime
{
    public static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The test projects of the domains the template made.</summary>
    public static readonly string[] TestProjects =
    [
        "domains/sales/Sales.Tests/Sales.Tests.csproj",
        "domains/staffing/Staffing.Tests/Staffing.Tests.csproj",
        "domains/procurement/Procurement.Tests/Procurement.Tests.csproj",
    ];
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    public string Folder { get; } = ServerReachableDirectory.Create("datamesh-fork-");

    public string Repository => Path.Combine(Folder, "repository");

    /// <summary>What <c>dotnet new datamesh-domain -n Sales</c> printed.</summary>
    public string SalesOutput { get; private set; } = string.Empty;

    /// <summary>What <c>dotnet new datamesh-domain -n Staffing --product shifts --upstream hr.headcount</c> printed.</summary>
    public string StaffingOutput { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await RepositoryCopy.CreateAsync(Repository);

        var packages = Path.Combine(Folder, "packages");
        await DotnetAsync("pack", "templates/DataMesh.Templates.csproj", "--output", packages);
        var package = Assert.Single(Directory.GetFiles(packages, "*.nupkg"));
        var packageHive = Path.Combine(Folder, "hive-package");
        var folderHive = Path.Combine(Folder, "hive-folder");
        await DotnetAsync("new", "install", package, "--debug:custom-hive", packageHive);
        await DotnetAsync("new", "install", "templates/datamesh-domain", "--debug:custom-hive", folderHive);

        SalesOutput = await DotnetAsync("new", "datamesh-domain", "-n", "Sales", "--debug:custom-hive", packageHive);
        StaffingOutput = await DotnetAsync("new", "datamesh-domain", "-n", "Staffing", "--product", "shifts", "--upstream", "hr.headcount", "--debug:custom-hive", folderHive);
        await DotnetAsync("new", "datamesh-domain", "-n", "Procurement", "--product", "purchase-orders", "--entity", "PurchaseOrder", "--upstream", "finance.budgets", "--debug:custom-hive", folderHive);
        JoinTheMesh(JoiningLine(SalesOutput), JoiningLine(StaffingOutput));

        // One build of the AppHost and the new domains' tests, in a solution filter, so MSBuild shares and parallelizes what they have in common.
        File.WriteAllText(Path.Combine(Repository, "fork.slnf"), JsonSerializer.Serialize(new
        {
            solution = new { path = "DataMesh.Aspire.sln", projects = (string[])["apphost/DataMesh.AppHost/DataMesh.AppHost.csproj", .. TestProjects] },
        }));
        await DotnetCommand.RunAsync(Repository, BuildTimeout, "build", "fork.slnf", "--configuration", RepositoryLayout.Configuration);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The AppHost line an instantiation told the user to add.</summary>
    public static string JoiningLine(string output) =>
        JoiningLinePattern().Match(output) is { Success: true } line
            ? line.Value
            : throw new Xunit.Sdk.XunitException($"The template's output names no AddDomain line:\n{output}");

    public Task<string> DotnetAsync(params string[] arguments) => DotnetCommand.RunAsync(Repository, CommandTimeout, arguments);

    /// <summary>Adds the lines after the AppHost's last AddDomain line, where the README says.</summary>
    private void JoinTheMesh(params string[] lines)
    {
        var appHost = Path.Combine(Repository, "apphost", "DataMesh.AppHost", "AppHost.cs");
        var source = File.ReadAllLines(appHost).ToList();
        var last = source.FindLastIndex(line => line.StartsWith("mesh.AddDomain<", StringComparison.Ordinal));
        Assert.True(last >= 0, "The AppHost has no mesh.AddDomain line to add a domain beside.");
        source.InsertRange(last + 1, lines);
        File.WriteAllLines(appHost, source);
    }

    [GeneratedRegex("""mesh\.AddDomain<Projects\.[A-Za-z0-9_]+>\("[a-z0-9-]+"\);""")]
    private static partial Regex JoiningLinePattern();
}
