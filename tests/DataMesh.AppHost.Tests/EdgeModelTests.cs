using Aspire.Hosting.DataMesh;

namespace DataMesh.AppHost.Tests;

/// <summary>What the AppHost tells the gateway and the catalog about the edge: who may pass each route, and the teams' keys.</summary>
public sealed class EdgeModelTests
{
    private static readonly (string Domain, string Team)[] DomainTeams = [("finance", "controlling"), ("hr", "people-platform"), ("marketing", "growth")];

    [Fact]
    public async Task Every_route_states_who_may_pass_and_every_destination_is_health_checked()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var environment = await appHost.Model.Single<ProjectResource>("gateway").EnvironmentOf();
        string Setting(string name) => Assert.IsType<string>(environment[name]);

        Assert.Equal("discovery", Setting("ReverseProxy__Routes__catalog-api__Metadata__Access"));
        Assert.Equal("open", Setting("ReverseProxy__Routes__catalog-ui__Metadata__Access"));
        Assert.Equal("keyed", Setting("ReverseProxy__Routes__catalog-access-requests__Metadata__Access"));
        Assert.Equal("keyed", Setting("ReverseProxy__Routes__catalog-teams__Metadata__Access"));
        foreach (var (domain, _) in DomainTeams)
        {
            Assert.Equal("domain", Setting($"ReverseProxy__Routes__{domain}__Metadata__Access"));
            Assert.Equal(domain, Setting($"ReverseProxy__Routes__{domain}__Metadata__Domain"));
            Assert.Equal($"/api/{domain}/{{**rest}}", Setting($"ReverseProxy__Routes__{domain}__Match__Path"));
        }

        var routes = environment.Keys.Where(name => name.EndsWith("__Match__Path", StringComparison.Ordinal)).Select(name => name.Split("__")[2]).ToList();
        Assert.All(routes, route => Assert.Equal("00:00:30", Setting($"ReverseProxy__Routes__{route}__Timeout")));
        var internalPaths = routes.Where(route => Setting($"ReverseProxy__Routes__{route}__Metadata__Access") == "internal")
            .Select(route => Setting($"ReverseProxy__Routes__{route}__Match__Path")).Order();
        Assert.Equal(
            [
                "/api/catalog/v1/edge/{**rest}", "/api/catalog/v1/keys/lookup", "/api/catalog/v1/parked-events", "/api/catalog/v1/quality-results",
                "/api/catalog/v1/registrations/{**rest}", "/dapr/{**rest}", "/dataproducts/{**rest}",
            ],
            internalPaths);
        foreach (var cluster in new[] { "catalog", "finance", "hr", "marketing" })
        {
            Assert.Equal("true", Setting($"ReverseProxy__Clusters__{cluster}__HealthCheck__Active__Enabled"));
            Assert.Equal("/health", Setting($"ReverseProxy__Clusters__{cluster}__HealthCheck__Active__Path"));
            Assert.Equal("true", Setting($"ReverseProxy__Clusters__{cluster}__HealthCheck__Passive__Enabled"));
        }
    }

    [Fact]
    public async Task Each_domains_team_read_from_its_descriptors_gets_a_secret_key_the_catalog_is_given()
    {
        await using var appHost = await AppHostModel.BuildAsync(AppHostModel.LocalMode);
        var environment = await appHost.Model.Single<ProjectResource>("catalog").EnvironmentOf();

        foreach (var (domain, team) in DomainTeams)
        {
            Assert.Equal(team, environment[$"Catalog__TeamKeys__{domain}__Team"]);
            var key = Assert.IsType<ParameterResource>(environment[$"Catalog__TeamKeys__{domain}__Key"]);
            Assert.Equal($"{domain}-team-key", key.Name);
            Assert.True(key.Secret);
        }
    }

    [Fact]
    public async Task Edge_settings_reach_the_gateway()
    {
        await using var appHost = await AppHostModel.BuildAsync([.. AppHostModel.LocalMode, "--Mesh:Edge:DefaultRequestsPerSecond=7", "--Mesh:Edge:KeyCacheSeconds=5"]);
        var environment = await appHost.Model.Single<ProjectResource>("gateway").EnvironmentOf();

        Assert.Equal(("7", "5"), (environment["Edge__DefaultRequestsPerSecond"], environment["Edge__KeyCacheSeconds"]));
    }

    [Fact]
    public void A_domain_whose_data_products_name_two_teams_cannot_join()
    {
        var folder = Directory.CreateTempSubdirectory("datamesh-two-teams-").FullName;
        try
        {
            var source = Path.Combine(DataMesh.Testing.RepositoryLayout.Root, "domains", "hr", "Hr", DomainTeam.DataProductsFolder);
            var target = Directory.CreateDirectory(Path.Combine(folder, DomainTeam.DataProductsFolder)).FullName;
            foreach (var file in Directory.GetFiles(source, "*.yaml"))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }

            // The headcount product and its contracts (which speak for its owner) move to another team.
            foreach (var headcount in Directory.GetFiles(target, "headcount*.yaml"))
            {
                File.WriteAllText(headcount, File.ReadAllText(headcount).Replace("name: people-platform", "name: workforce-analytics", StringComparison.Ordinal));
            }

            var refusal = Assert.Throws<DistributedApplicationException>(() => DomainTeam.Of("hr", new ProjectAt(Path.Combine(folder, "Hr.csproj"))));

            Assert.Contains("2 teams (people-platform, workforce-analytics)", refusal.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class ProjectAt(string path) : IProjectMetadata
    {
        public string ProjectPath => path;
    }
}
