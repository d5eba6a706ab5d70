namespace DataMesh.AppHost.Tests;

/// <summary>The demo traffic generator is in the model only when asked for, and reaches the mesh through the gateway alone.</summary>
public sealed class DemoTrafficModelTests
{
    [Fact]
    public async Task Is_absent_unless_asked_for()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);

        Assert.DoesNotContain(appHost.Model.Resources, resource => resource.Name == "demo-traffic");
    }

    [Fact]
    public async Task When_asked_for_it_reaches_only_the_gateway_with_each_domain_teams_key_and_takes_its_rate()
    {
        await using var appHost = await AppHostModel.BuildAsync([.. AppHostModel.LocalMode, "--Mesh:Demo:Traffic=true", "--Mesh:Demo:Rate=5"]);

        var traffic = appHost.Model.Single<ProjectResource>("demo-traffic");

        Assert.Equal(["finance-team-key", "gateway", "hr-team-key", "marketing-team-key"], traffic.ReferencesOf().Order());
        Assert.Equal(["gateway"], traffic.WaitsOf());
        var environment = await traffic.EnvironmentOf();

        Assert.Equal("5", environment["Demo__Rate"]);
        Assert.Equal(
            ["finance-team-key", "hr-team-key", "marketing-team-key"],
            environment.Where(variable => variable.Key.StartsWith("Demo__TeamKeys__", StringComparison.Ordinal))
                .Select(variable => Assert.IsType<ParameterResource>(variable.Value).Name).Order());
    }
}
