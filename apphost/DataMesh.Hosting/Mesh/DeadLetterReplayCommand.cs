using Aspire.Hosting.ApplicationModel;
using DataMesh.DataProducts.Subscribing;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting.DataMesh;

/// <summary>
/// The dashboard command "Replay dead letters" on a domain's resource: it asks the catalog to replay every dead letter
/// of each of the domain's consuming products, with the domain's own service credential (the catalog lets a domain's
/// service replay its own products' dead letters, nobody else's). The catalog sends them back through each consumer's
/// inbox, so running it twice applies nothing twice.
/// </summary>
public static class DeadLetterReplayCommand
{
    public const string Name = "replay-dead-letters";

    public static IResourceBuilder<ProjectResource> WithDeadLetterReplay(
        this IResourceBuilder<ProjectResource> domain, IResourceBuilder<ProjectResource> catalog, IResourceBuilder<ParameterResource> credential, IReadOnlyList<string> consumers)
    {
        if (consumers.Count == 0)
        {
            return domain;
        }

        return domain.WithCommand(Name, "Replay dead letters", async context =>
        {
            var endpoint = catalog.Resource.GetEndpoint("http");
            using var http = new HttpClient { BaseAddress = new Uri(endpoint.Url) };
            http.DefaultRequestHeaders.Add(MeshHeaders.ServiceCredential, await credential.Resource.GetValueAsync(context.CancellationToken));
            var answers = new List<string>();
            foreach (var consumer in consumers)
            {
                using var response = await http.PostAsync(DeadLetterReplayRoute.For(consumer), content: null, context.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return CommandResults.Failure($"{consumer}: the catalog answered {(int)response.StatusCode} {body}");
                }

                answers.Add($"{consumer}: {body}");
            }

            return CommandResults.Success(string.Join("; ", answers));
        }, new CommandOptions
        {
            Description = $"Asks the catalog to send the dead letters of {string.Join(", ", consumers)} back through the inbox, once their cause is fixed.",
            ConfirmationMessage = "Replay every dead letter not replayed yet?",
            UpdateState = state => state.ResourceSnapshot.HealthStatus is Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy
                ? ResourceCommandState.Enabled
                : ResourceCommandState.Disabled,
        });
    }
}
