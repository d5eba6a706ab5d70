using DataMesh.Catalog.Access;

namespace DataMesh.Catalog.Api;

/// <summary>Consumers, API keys, access requests and decisions, and the gateway's key look-up.</summary>
public static class AccessEndpoints
{
    public sealed record ConsumerBody(string Id, string Team, string? Description, int? RequestsPerSecond, string Actor);

    public sealed record ActorBody(string Actor);

    public sealed record AccessRequestBody(string DataProductId, string ConsumerId, string Purpose, bool PersonalData, string Actor);

    public sealed record DecisionBody(string Actor, string Team, string? Note);

    public sealed record KeyBody(string Key);

    public static RouteGroupBuilder MapAccess(this RouteGroupBuilder api)
    {
        api.MapPost("/consumers", async (ConsumerBody body, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Created($"{CatalogApi.Prefix}/consumers/{body.Id}", await desk.RegisterConsumerAsync(body.Id, body.Team, body.Description, body.RequestsPerSecond, body.Actor, ct)))
            .WithName("register-consumer").WithSummary("Registers a consumer (a team's application).");
        api.MapPost("/consumers/{id}/keys", async (string id, ActorBody body, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Created($"{CatalogApi.Prefix}/consumers/{id}/keys", await desk.IssueKeyAsync(id, body.Actor, ct)))
            .WithName("issue-key").WithSummary("Issues an API key; the key is in this answer only, the catalog keeps its hash.");
        api.MapPost("/keys/{keyId:guid}/rotate", async (Guid keyId, ActorBody body, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.RotateKeyAsync(keyId, body.Actor, ct)))
            .WithName("rotate-key").WithSummary("Replaces an API key: the new key is shown once, the old one stops working.");
        api.MapPost("/keys/{keyId:guid}/revoke", async (Guid keyId, ActorBody body, AccessDesk desk, CancellationToken ct) =>
        {
            await desk.RevokeKeyAsync(keyId, body.Actor, ct);
            return TypedResults.NoContent();
        }).WithName("revoke-key").WithSummary("Revokes an API key.");
        api.MapPost("/keys/lookup", async (KeyBody body, AccessDesk desk, CancellationToken ct) =>
            string.IsNullOrEmpty(body.Key) || body.Key.Length > 200
                ? throw CatalogRefusal.Invalid("key", "is required, at most 200 characters")
                : await desk.LookupAsync(body.Key, ct) is { } found ? Results.Ok(found) : throw CatalogRefusal.NotFound("key", "no active API key matches"))
            .WithName("lookup-key").WithSummary("For the gateway: the consumer, team and grants (with purposes and whether personal data may be read) of an active key.")
            .Produces<ApiKeyLookup>();
        api.MapGet("/edge/policy", async (EdgePolicyReader reader, CancellationToken ct) => TypedResults.Ok(await reader.ReadAsync(ct)))
            .WithName("edge-policy").WithSummary("For the gateway: each domain's owner teams, and each query endpoint with the personal data its contract marks.");
        api.MapPost("/access-requests", async (AccessRequestBody body, AccessDesk desk, CancellationToken ct) =>
        {
            var request = await desk.RequestAsync(body.DataProductId, body.ConsumerId, body.Purpose, body.PersonalData, body.Actor, ct);
            return TypedResults.Created($"{CatalogApi.Prefix}/access-requests/{request.Id}", request);
        }).WithName("request-access").WithSummary("A consumer asks for access to a data product, with a purpose.");
        api.MapPost("/access-requests/{id:guid}/approve", async (Guid id, DecisionBody body, HttpRequest request, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.DecideAsync(id, approve: true, body.Actor, CallerTeam(request, body.Team), body.Note, ct)))
            .WithName("approve-access").WithSummary("The owner team approves a pending request: it becomes a grant.");
        api.MapPost("/access-requests/{id:guid}/deny", async (Guid id, DecisionBody body, HttpRequest request, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.DecideAsync(id, approve: false, body.Actor, CallerTeam(request, body.Team), body.Note, ct)))
            .WithName("deny-access").WithSummary("The owner team denies a pending request.");
        api.MapPost("/access-requests/{id:guid}/revoke", async (Guid id, DecisionBody body, HttpRequest request, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.RevokeAsync(id, body.Actor, CallerTeam(request, body.Team), body.Note, ct)))
            .WithName("revoke-access").WithSummary("Ends a grant (owner team or the consumer's team).");
        api.MapGet("/access-requests/{id:guid}/audit", async (Guid id, AccessDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.AuditTrailAsync(id, ct)))
            .WithName("access-audit").WithSummary("Every step of an access request: who, what, when.");
        api.MapGet("/teams/{team}/approval-queue", async (string team, AccessDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.QueueAsync(team, ct)))
            .WithName("approval-queue").WithSummary("The pending requests for the products a team owns.");
        return api;
    }

    /// <summary>
    /// The team a decision is made for. Through the gateway the caller's team is known (its key's, in
    /// <see cref="CallerTeamHeader"/>, which the gateway alone sets), and a key speaks for its own team only.
    /// </summary>
    private static string CallerTeam(HttpRequest request, string claimed) =>
        request.Headers[CallerTeamHeader] is [{ } caller] && caller != claimed
            ? throw CatalogRefusal.Forbidden("team", $"the caller's API key belongs to team '{caller}', which cannot decide for team '{claimed}'")
            : claimed;

    /// <summary>Set by the gateway on every request it forwards with a valid key.</summary>
    public const string CallerTeamHeader = MeshHeaders.Team;
}
