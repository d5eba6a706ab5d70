using Microsoft.Extensions.Configuration;
using DataMesh.Testing;

namespace DataMesh.AppHost.Tests;

/// <summary>Without daprd the mesh refuses to start, before anything is started, and says how to fix it.</summary>
public sealed class DaprdMissingTests
{
    [Fact]
    public async Task A_daprd_path_that_leads_nowhere_stops_the_apphost_with_one_clear_message()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"datamesh-nodaprd-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DataMesh_AppHost>(
        [
            .. AppHostModel.LocalMode.Where(argument => !argument.StartsWith("--Mesh:Postgres:DataDirectory", StringComparison.Ordinal)),
            $"--Mesh:Postgres:DataDirectory={dataDirectory}",
            "--Dapr:DaprdPath=/nowhere/daprd",
        ]);
        await using var app = await builder.BuildAsync();

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        var refusal = Assert.IsType<DistributedApplicationException>(thrown is AggregateException aggregate ? Assert.Single(aggregate.InnerExceptions) : thrown);

        Assert.Contains("Dapr:DaprdPath is '/nowhere/daprd', but no file is there", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("dapr init", refusal.Message, StringComparison.Ordinal);
        // Nothing started: not even PostgreSQL's data folder was created.
        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public void Without_any_daprd_the_message_says_how_to_install_dapr_or_where_to_point()
    {
        var configuration = new ConfigurationBuilder().Build();

        var location = Aspire.Hosting.Dapr.DaprdLocator.Locate(configuration);

        // This machine has no daprd; where one is installed, the locator finds it instead.
        if (location.Path is null)
        {
            Assert.Contains("dapr init", location.Problem, StringComparison.Ordinal);
            Assert.Contains("Dapr:DaprdPath", location.Problem, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(File.Exists(location.Path));
        }
    }

    [Fact]
    public void The_stand_in_is_found_through_Dapr_DaprdPath_alone()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Dapr:DaprdPath", RepositoryLayout.DaprdStandIn)])
            .Build();

        var location = Aspire.Hosting.Dapr.DaprdLocator.Locate(configuration);

        Assert.Equal(RepositoryLayout.DaprdStandIn, location.Path);
        Assert.Null(location.Problem);
    }
}
