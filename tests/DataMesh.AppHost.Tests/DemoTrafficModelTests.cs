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
    public async Task When_asked_for_it_references_only_the_gateway_and_takes_its_rate()
    {
        await using var appHost = await AppHostModel.BuildAsync([.. AppHostModel.LocalMode, "--Mesh:Demo:Traffic=true", "--Mesh:Demo:Rate=5"]);

        var traffic = appHost.Model.Single<ProjectResource>("demo-traffic");

        Assert.Equal(["gateway"], traffic.ReferencesOf());
        Assert.Equal(["gateway"], traffic.WaitsOf());
        var environment = traffic.Annotations.OfType<EnvironmentCallbackAnnotation>().ToList();
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), traffic);
        foreach (var callback in environment)
        {
            await callback.Callback(context);
        }

        Assert.Equal("5", context.EnvironmentVariables["Demo__Rate"]);
    }
}
