using DataMesh.DataProducts.Quality;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// <c>Mesh:Quality:Interval</c> reaches every domain as its quality rules' interval, and without it no domain gets one
/// (the contracts' cron schedules hold, in a run and in what is published).
/// </summary>
public sealed class QualityIntervalModelTests
{
    private static readonly string Variable = ServiceSettingExtensions.EnvironmentVariable(QualityRulesOptions.IntervalKey);

    private static readonly string[] Domains = ["finance", "hr", "marketing"];

    [Fact]
    public async Task Is_passed_to_no_domain_unless_set()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);

        foreach (var domain in Domains)
        {
            Assert.False((await appHost.Model.Single<ProjectResource>(domain).EnvironmentOf()).ContainsKey(Variable), domain);
        }
    }

    [Fact]
    public async Task When_set_every_domain_runs_its_scheduled_rules_that_often()
    {
        await using var appHost = await AppHostModel.BuildAsync([.. AppHostModel.LocalMode, $"--{DataMeshBuilder.QualityIntervalKey}=00:00:05"]);

        foreach (var domain in Domains)
        {
            Assert.Equal("00:00:05", (await appHost.Model.Single<ProjectResource>(domain).EnvironmentOf())[Variable]);
        }
    }
}
