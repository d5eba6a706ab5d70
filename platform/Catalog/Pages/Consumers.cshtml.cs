using DataMesh.Catalog.Access;
using DataMesh.Catalog.Sql;
using Microsoft.AspNetCore.Authorization;

namespace DataMesh.Catalog.Pages;

/// <summary>
/// A team's consumers, their keys and their PostgreSQL logins, for the team's members (and administrators): create a
/// consumer, issue a key (shown once, never again), rotate or revoke one; create a login (its password shown once), rotate
/// its password, revoke it. Every change goes through the service the API calls, so the API's rule decides who may
/// (<see cref="ConsumerRecord.MayBeManagedBy"/>): the page only hides what the caller could not do anyway.
/// </summary>
[Authorize]
public sealed class ConsumersModel(AccessDesk desk, SqlLogins logins, SqlProvisioner provisioner, CatalogCallerResolver callers) : CallerPageModel(callers)
{
    public sealed record ConsumerKeys(ConsumerRecord Consumer, IReadOnlyList<ApiKeyFacts> Keys, SqlLoginFacts? Login);

    public string? Team { get; private set; }

    public IReadOnlyList<ConsumerKeys> Consumers { get; private set; } = [];

    /// <summary>A key just issued: the only time anyone sees it.</summary>
    public IssuedApiKey? Issued { get; private set; }

    /// <summary>A login just created or rotated: the only time anyone sees its password.</summary>
    public IssuedSqlLogin? IssuedLogin { get; private set; }

    /// <summary>Whether this catalog makes PostgreSQL logins at all (the AppHost gives it a provisioning role when it does).</summary>
    public bool MakesSqlLogins => provisioner.IsConfigured;

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

    public async Task OnPostCreateLoginAsync(string? team, string? consumer, CancellationToken cancellationToken)
    {
        await TryAsync(async () => IssuedLogin = await logins.CreateAsync(consumer ?? "", Caller, cancellationToken));
        await LoadAsync(team, cancellationToken);
    }

    public async Task OnPostRotateLoginAsync(string? team, string? consumer, CancellationToken cancellationToken)
    {
        await TryAsync(async () => IssuedLogin = await logins.RotateAsync(consumer ?? "", Caller, cancellationToken));
        await LoadAsync(team, cancellationToken);
    }

    public async Task OnPostRevokeLoginAsync(string? team, string? consumer, CancellationToken cancellationToken)
    {
        if (await TryAsync(() => logins.RevokeAsync(consumer ?? "", Caller, cancellationToken)))
        {
            Outcome = $"The PostgreSQL login of {consumer} is revoked: it opens no new session; its role is dropped once the owning domains revoked its privileges.";
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
                consumers.Add(new(consumer, await desk.KeysAsync(consumer.Id, Caller, cancellationToken), await logins.FindAsync(consumer.Id, Caller, cancellationToken)));
            }
        });
        Consumers = consumers;
    }
}
