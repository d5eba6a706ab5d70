using DataMesh.DataProducts.Subscribing;
using DataMesh.Testing;

namespace DataMesh.AppHost.Tests;

/// <summary>The dashboard command that replays a domain's dead letters: on each domain that consumes, on no other resource.</summary>
public sealed class DeadLetterReplayCommandModelTests
{
    [Fact]
    public async Task Each_consuming_domain_has_a_replay_dead_letters_command_and_nothing_else_has_one()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);

        var withCommand = appHost.Model.Resources
            .Where(r => r.Annotations.OfType<ResourceCommandAnnotation>().Any(c => c.Name == Aspire.Hosting.DataMesh.DeadLetterReplayCommand.Name))
            .Select(r => r.Name).Order(StringComparer.Ordinal);

        // hr reads no input port: it has no dead letters of its own to replay.
        Assert.Equal(["finance", "marketing"], withCommand);
        var command = appHost.Model.Single<ProjectResource>("finance").Annotations.OfType<ResourceCommandAnnotation>().Single(c => c.Name == Aspire.Hosting.DataMesh.DeadLetterReplayCommand.Name);
        Assert.Equal("Replay dead letters", command.DisplayName);
        Assert.Contains("finance.cost-center-actuals", command.DisplayDescription, StringComparison.Ordinal);
        Assert.Equal("/api/catalog/v1/products/finance.cost-center-actuals/dead-letters/replay", DeadLetterReplayRoute.For("finance.cost-center-actuals"));
    }
}
