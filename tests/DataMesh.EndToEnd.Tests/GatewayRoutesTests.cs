using System.Net;
using System.Net.Http.Json;
using DataMesh.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// With the whole mesh up in local mode, every service answers through the gateway, the one public entry,
/// each from its own database.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class GatewayRoutesTests(LocalMesh mesh)
{
    [Theory]
    [InlineData("finance")]
    [InlineData("hr")]
    [InlineData("marketing")]
    [InlineData("catalog")]
    public async Task Each_service_answers_its_own_team_at_its_prefix_from_its_own_database(string service)
    {
        using var gateway = mesh.Gateway(service == "catalog" ? null : service);

        var response = await gateway.GetAsync($"/api/{service}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var description = await response.Content.ReadFromJsonAsync<ServiceDescription>();
        Assert.Equal(service, description!.Domain);
        Assert.Equal(service, description.Database);
    }

    [Fact]
    public async Task The_catalog_ui_is_served_at_the_root()
    {
        using var gateway = mesh.Gateway();

        var response = await gateway.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Data products</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<code>catalog</code>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalog_sends_people_to_sign_in_at_the_gateways_address_not_its_own()
    {
        var gateway = mesh.App.GetEndpoint("gateway", "http");
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = gateway };

        var refused = await browser.GetAsync("/people");

        // The gateway tells the catalog the host and scheme it received, beside its credential, on pages too.
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(new Uri(gateway, MeshAdministrator.SignInPath), new Uri(refused.Headers.Location!.GetLeftPart(UriPartial.Path)));
    }

    [Fact]
    public async Task An_unknown_domain_is_not_found_and_health_endpoints_of_services_are_not_routed()
    {
        using var gateway = mesh.Gateway("hr");

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/api/sales")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/api/hr/health")).StatusCode);
    }

    [Fact]
    public async Task Every_sidecar_runs_the_stand_in_and_is_healthy()
    {
        var model = mesh.App.Services.GetRequiredService<DistributedApplicationModel>();
        var notifications = mesh.App.Services.GetRequiredService<ResourceNotificationService>();

        var sidecars = model.Resources.OfType<DaprSidecarResource>().ToList();

        Assert.Equal(["catalog-dapr", "finance-dapr", "hr-dapr", "marketing-dapr"], sidecars.Select(sidecar => sidecar.Name).Order());
        foreach (var sidecar in sidecars)
        {
            Assert.True(notifications.TryGetCurrentState(sidecar.Name, out var state));
            Assert.Equal(HealthStatus.Healthy, state.Snapshot.HealthStatus);
            using var http = mesh.App.CreateHttpClient(sidecar.Name, DaprSidecarResource.HttpEndpointName);
            // daprd's API takes the app's token (DAPR_API_TOKEN) from whoever calls it.
            http.DefaultRequestHeaders.Add(MeshHeaders.DaprApiToken, await mesh.ParameterValueAsync($"{sidecar.AppId}-dapr-api-token"));
            var metadata = await http.GetFromJsonAsync<SidecarMetadata>("/v1.0/metadata");
            Assert.Equal(sidecar.AppId, metadata!.Id);
        }
    }

    private sealed record ServiceDescription(string Domain, string Database, string PostgresVersion);

    private sealed record SidecarMetadata(string Id);
}
