extern alias datamesh;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Contracts;
using DataMesh.Testing;
using datamesh::DataMesh.Tool;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// <c>datamesh test</c> against the running mesh, as a producer or consumer runs it (the tool's command entry point,
/// in-process): every sample contract on each of its query endpoints (<c>api</c> servers, through the gateway, with the
/// owning team's key, which has the grant) and SQL ports (<c>postgres</c> servers, the <c>*-tables</c> contracts, with the
/// domain's own connection, which reads them). Every check passes and none is skipped: each api server's answers have
/// an object that says it is what they are (<c>servedBy</c>), and every quality rule is measured on the live data.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class DatameshToolTests(LocalMesh mesh)
{
    /// <summary>HR's demo department Marketing, booked on cost center CC-300.</summary>
    private static readonly Guid MarketingDepartment = Guid.Parse("0d000000-0000-4000-8000-000000000300");

    /// <summary>Projections (headcount) and a loaded machine.</summary>
    private static readonly TimeSpan Observed = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_sample_contract_passes_every_check_on_each_query_endpoint_and_sql_port_of_the_running_mesh()
    {
        await RecordInEveryDomainAsync();
        var gateway = mesh.Gateway().BaseAddress!.ToString();
        var contracts = SampleContracts();
        Assert.Equal(LocalMesh.Domains, contracts.Select(c => c.Contract.Domain).Distinct().Order(StringComparer.Ordinal));

        var runs = new List<string>();
        var failures = new List<string>();
        foreach (var (file, contract) in contracts)
        {
            var connection = await mesh.App.GetConnectionStringAsync($"{contract.Domain}-db");
            foreach (var server in contract.Servers.Where(s => s.Type == ContractServerType.Api || s.IsPostgres))
            {
                string[] args = server.Type == ContractServerType.Api
                    ? ["test", file, "--server", server.Server, "--connection", connection!, "--base-url", gateway, "--api-key", mesh.TeamKey(contract.Domain)]
                    : ["test", file, "--server", server.Server, "--connection", connection!];
                if (server.Type == ContractServerType.Api)
                {
                    await UntilAnsweredAsync(contract.Domain, server.Location!);
                }

                var (output, error) = (new StringWriter(), new StringWriter());
                var exit = DataMeshCommand.Run(args, output, error, Styles.Plain);
                runs.Add($"{contract.Id} {server.Server}");
                if (exit != ExitCodes.Clean || output.ToString().Contains("  skip ", StringComparison.Ordinal))
                {
                    failures.Add($"datamesh test {Path.GetFileName(file)} --server {server.Server}: exit {exit}\n{output}{error}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(contracts.Count, runs.Count);
    }

    /// <summary>The contracts the sample domains offer, read as the tool reads them.</summary>
    private static List<(string File, DataContract Contract)> SampleContracts() =>
        Directory.GetDirectories(Path.Combine(RepositoryLayout.Root, "domains"))
            .SelectMany(domain => Directory.GetFiles(
                Path.Combine(domain, char.ToUpperInvariant(Path.GetFileName(domain)[0]) + Path.GetFileName(domain)[1..], "DataProducts"), "*" + DataProductCatalogueLoader.ContractSuffix))
            .Order(StringComparer.Ordinal)
            .Select(file => (file, DataProductCatalogueLoader.LoadContract(file, File.ReadAllText(file))))
            .ToList();

    /// <summary>Something in every data product, so that each query endpoint answers at least one item to check.</summary>
    private async Task RecordInEveryDomainAsync()
    {
        using var hr = mesh.Gateway("hr");
        using var finance = mesh.Gateway("finance");
        using var marketing = mesh.Gateway("marketing");
        var hired = await hr.PostAsJsonAsync("/api/hr/employees", new
        {
            name = "Frances Allen", email = $"frances-{Guid.NewGuid():N}@datamesh.example", birthDate = "1932-08-04", title = "Compiler engineer",
            departmentId = MarketingDepartment, monthlySalary = 6300m, hiredOn = "2033-01-02",
        });
        Assert.Equal(HttpStatusCode.Created, hired.StatusCode);
        var allocated = await finance.PostAsJsonAsync("/api/finance/budgets", new { costCenter = "CC-300", fiscalQuarter = "2033-Q1", category = "operations", amount = 2_000m });
        Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
        var planned = await marketing.PostAsJsonAsync("/api/marketing/campaigns", new
        {
            name = "Contract check", channel = "email", startsOn = "2033-01-10", endsOn = "2033-02-28", budgetCap = 500m,
        });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var campaign = (await planned.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var captured = await marketing.PostAsJsonAsync("/api/marketing/leads", new
        {
            name = "Jean Sammet", email = $"jean-{Guid.NewGuid():N}@datamesh.example", campaignId = campaign, capturedOn = "2033-01-12",
        });
        Assert.Equal(HttpStatusCode.Created, captured.StatusCode);
    }

    /// <summary>Waits until the query endpoint at <paramref name="location"/> answers an item (a projection such as headcount follows the events).</summary>
    private async Task UntilAnsweredAsync(string domain, string location)
    {
        using var gateway = mesh.Gateway(domain);
        var last = "";
        await Eventually.TrueAsync(
            async () =>
            {
                using var response = await gateway.GetAsync(location);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }

                var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                var items = answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("items", out var page) ? page : answer;
                return items.ValueKind != JsonValueKind.Array || items.GetArrayLength() > 0;
            },
            Observed,
            () => $"{location} to answer an item; last: {last}");
    }
}
