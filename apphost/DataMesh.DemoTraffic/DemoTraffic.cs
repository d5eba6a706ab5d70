using DataMesh.DemoTraffic.Scenarios;
using Microsoft.Extensions.Options;

namespace DataMesh.DemoTraffic;

/// <summary>
/// Acts like the mesh's users at a steady rate: picks a business action by weight and runs it through the
/// gateway, so that the dashboard's traces and the catalog show the mesh at work. A refused or failed action
/// (a budget exhausted, a conflict, a service restarting) is logged and the traffic goes on.
/// </summary>
public sealed class DemoTraffic(IEnumerable<IScenario> scenarios, MeshClient mesh, IOptions<DemoTrafficOptions> options, ILogger<DemoTraffic> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var random = new Random(options.Value.Seed);
        var all = scenarios.ToList();
        var totalWeight = all.Sum(s => s.Weight);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / Math.Max(options.Value.Rate, 0.01)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var scenario = Pick(all, random.Next(totalWeight));
            try
            {
                var status = await scenario.RunAsync(mesh, random, stoppingToken);
                logger.LogInformation("{Scenario}: {Status}", scenario.Name, status?.ToString() ?? "nothing to do");
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "{Scenario} failed; the traffic goes on.", scenario.Name);
            }
        }
    }

    private static IScenario Pick(List<IScenario> scenarios, int ticket)
    {
        foreach (var scenario in scenarios)
        {
            if (ticket < scenario.Weight)
            {
                return scenario;
            }

            ticket -= scenario.Weight;
        }

        return scenarios[^1];
    }
}
