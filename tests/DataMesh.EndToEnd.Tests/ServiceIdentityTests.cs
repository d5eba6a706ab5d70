using System.Net;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// Inside the network, the mesh's services still prove who they are: a domain's sidecar-only endpoints answer only
/// its sidecar (the Dapr app token), and a domain's sidecar publishes only to the topics its data products own.
/// Events keep flowing meanwhile (<see cref="EventFlowTests"/>).
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class ServiceIdentityTests(LocalMesh mesh)
{
    [Theory]
    [InlineData("finance", "GET", "/dapr/subscribe")]
    [InlineData("finance", "POST", "/dataproducts/finance.cost-center-actuals/inputs/employees")]
    [InlineData("marketing", "POST", "/dataproducts/marketing.campaigns/inputs/headcount")]
    public async Task A_direct_call_to_a_domains_sidecar_endpoint_without_its_app_token_is_refused(string domain, string method, string path)
    {
        using var direct = mesh.App.CreateHttpClient(domain);

        foreach (var token in new[] { null, "a-guessed-token" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = new StringContent("""{"specversion":"1.0","id":"forged","source":"/dataproducts/hr.employees","type":"EmployeeHired","data":{}}""", Encoding.UTF8, "application/cloudevents+json"),
            };
            if (token is not null)
            {
                request.Headers.Add(MeshHeaders.DaprApiToken, token);
            }

            using var response = await direct.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains(MeshHeaders.DaprApiToken, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_domains_sidecar_refuses_to_publish_to_another_domains_topic_and_callers_without_its_api_token()
    {
        using var sidecar = new HttpClient { BaseAddress = mesh.App.GetEndpoint("marketing-dapr", "http") };
        var token = await mesh.ParameterValueAsync("marketing-dapr-api-token");

        using var forged = await PublishAsync(sidecar, "hr.employees.v1", token);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var error = JsonDocument.Parse(await forged.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ERR_PUBSUB_FORBIDDEN", error.GetProperty("errorCode").GetString());
        Assert.Equal("topic hr.employees.v1 is not allowed for app id marketing", error.GetProperty("message").GetString());

        using var anonymous = await PublishAsync(sidecar, "marketing.campaigns.v1", token: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static Task<HttpResponseMessage> PublishAsync(HttpClient sidecar, string topic, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1.0/publish/pubsub/{topic}")
        {
            Content = new StringContent("""{"employeeId":"00000000-0000-0000-0000-000000000000","name":"forged"}""", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Add(MeshHeaders.DaprApiToken, token);
        }

        return sidecar.SendAsync(request);
    }
}
