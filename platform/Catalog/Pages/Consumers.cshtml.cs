using DataMesh.Catalog.Access;
using Microsoft.AspNetCore.Authorization;

namespace DataMesh.Catalog.Pages;

/// <summary>
/// A team's consumers and their keys, for the team's members (and administrators): create a consumer, issue a key
/// (shown once, never again), rotate or revoke one.
/// </summary>
[Authorize]
public sealed class ConsumersModel(AccessDesk desk, CatalogCallerResolver callers) : CallerPageModel(callers)
{
    public sealed record ConsumerKeys(ConsumerRecord Consumer, IReadOnlyList<ApiKeyFacts> Keys);

    public string? Team { get; private set; }

    public IReadOnlyList<ConsumerKeys> Consumers { get; private set; } = [];

    /// <summary>A key just issued: the only time anyone sees it.</summary>
    public IssuedApiKey? Issued { get; private set; }

    public async Task OnGetAsync(string? team, CancellationToken cancellationToken) => await LoadAsync(team, cancellationToken);

    public async Task OnPostCreateAsync(string? team, string? consumer, string? description, CancellationToken cancellationToken)
    {
        if (await TryAsync(() => desk.RegisterConsumerAsync(consumer ?? "", team ?? "", description, null, Caller, cancellationToken)))
        {
            Outcome = $"Consumer {consumer} created in {team}: issue it a key.";
        }

        await LoadAsync(team, cancellationToken);
    }

    public async Task OnPostIssueAsync(string? team, string? consumer, CancellationToken cancellationToken)
    {
        await TryAsync(async () => Issued = await desk.IssueKeyAsync(consumer ?? "", Caller, cancellationToken));
        await LoadAsync(team, cancellationToken);
    }

    public async Task OnPostRotateAsync(string? team, Guid key, CancellationToken cancellationToken)
    {
        await TryAsync(async () => Issued = await desk.RotateKeyAsync(key, Caller, cancellationToken));
        await LoadAsync(team, cancellationToken);
    }

    public async Task OnPostRevokeAsync(string? team, Guid key, CancellationToken cancellationToken)
    {
        if (await TryAsync(() => desk.RevokeKeyAsync(key, Caller, cancellationToken)))
        {
            Outcome = "The key is revoked: the gateway refuses it from now on.";
        }

        await LoadAsync(team, cancellationToken);
    }

    private async Task LoadAsync(string? team, CancellationToken cancellationToken)
    {
        Team = string.IsNullOrWhiteSpace(team) ? CallerTeams.FirstOrDefault() : team.Trim();
        if (Team is null)
        {
            return;
        }

        var consumers = new List<ConsumerKeys>();
        await TryAsync(async () =>
        {
            foreach (var consumer in await desk.ConsumersAsync(Team, Caller, cancellationToken))
            {
                consumers.Add(new(consumer, await desk.KeysAsync(consumer.Id, Caller, cancellationToken)));
            }
        });
        Consumers = consumers;
    }
}
