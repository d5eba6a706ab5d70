using System.Globalization;

namespace DataMesh.DemoTraffic.Scenarios;

/// <summary>Marketing plans and launches campaigns within its budget, records their spend and captures and converts leads.</summary>
public sealed class LaunchCampaign : IScenario
{
    private static readonly string[] Channels = ["email", "social", "search", "events", "display"];

    public string Name => "marketing: plan and launch";

    public int Weight => 1;

    public async Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var channel = Channels[random.Next(Channels.Length)];
        using var planned = await mesh.SendAsync(HttpMethod.Post, "/api/marketing/campaigns", new
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{channel} push {random.Next(1000, 9999)}"),
            channel,
            startsOn = today,
            endsOn = today.AddDays(30),
            budgetCap = random.Next(5, 40) * 100m,
        }, cancellationToken);
        if (!planned.IsSuccessStatusCode)
        {
            return (int)planned.StatusCode;
        }

        using var launched = await mesh.SendAsync(HttpMethod.Post, $"{planned.Headers.Location}/launch", new { }, cancellationToken, planned.Headers.ETag);
        return (int)launched.StatusCode;
    }
}

public sealed class RecordCampaignSpend : IScenario
{
    public string Name => "marketing: record spend";

    public int Weight => 3;

    public async Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        if (await LaunchedCampaigns.PickAsync(mesh, random, cancellationToken) is not { } path)
        {
            return null;
        }

        var (_, version) = await mesh.GetWithVersionAsync(path, cancellationToken);
        using var response = await mesh.SendAsync(
            HttpMethod.Post, $"{path}/spend", new { amount = random.Next(1, 30) * 10m, spentOn = DateOnly.FromDateTime(DateTime.UtcNow), vendor = "Ad network" }, cancellationToken, version);
        return (int)response.StatusCode;
    }
}

public sealed class CaptureLead : IScenario
{
    public string Name => "marketing: capture lead";

    public int Weight => 3;

    public async Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        if (await LaunchedCampaigns.PickAsync(mesh, random, cancellationToken) is not { } path)
        {
            return null;
        }

        var (name, email) = PeopleNames.Next(random);
        using var response = await mesh.SendAsync(HttpMethod.Post, "/api/marketing/leads", new
        {
            name, email, campaignId = Guid.Parse(path[(path.LastIndexOf('/') + 1)..]), capturedOn = DateOnly.FromDateTime(DateTime.UtcNow),
        }, cancellationToken);
        return (int)response.StatusCode;
    }
}

public sealed class ConvertLead : IScenario
{
    public string Name => "marketing: convert lead";

    public int Weight => 1;

    public async Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        var leads = await mesh.GetAsync("/api/marketing/leads?status=new&pageSize=20", cancellationToken);
        var candidates = leads.GetProperty("items").EnumerateArray().ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var path = $"/api/marketing/leads/{candidates[random.Next(candidates.Count)].GetProperty("id").GetGuid()}";
        var (_, version) = await mesh.GetWithVersionAsync(path, cancellationToken);
        using var response = await mesh.SendAsync(HttpMethod.Post, $"{path}/conversion", new { convertedOn = DateOnly.FromDateTime(DateTime.UtcNow) }, cancellationToken, version);
        return (int)response.StatusCode;
    }
}

internal static class LaunchedCampaigns
{
    /// <summary>The path of a random launched campaign, or null when none runs.</summary>
    public static async Task<string?> PickAsync(MeshClient mesh, Random random, CancellationToken cancellationToken)
    {
        var page = await mesh.GetAsync("/api/marketing/campaigns?status=launched&pageSize=50", cancellationToken);
        var launched = page.GetProperty("items").EnumerateArray().ToList();
        return launched.Count == 0 ? null : $"/api/marketing/campaigns/{launched[random.Next(launched.Count)].GetProperty("id").GetGuid()}";
    }
}
