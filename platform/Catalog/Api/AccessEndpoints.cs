using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Registry;
using DataMesh.DomainServices.Paging;

namespace DataMesh.Catalog.Api;

/// <summary>
/// Consumers, API keys, access requests and decisions, and the gateway's key look-up. Every operation takes the
/// <see cref="CatalogCaller"/> (bound from the request) and answers 401 to an unidentified caller, 403 to one not allowed.
/// </summary>
public static class AccessEndpoints
{
    public sealed record ConsumerBody(
        [property: MaxLength(AccessDesk.MaxIdLength)] string Id,
        [property: MaxLength(TeamDirectory.MaxNameLength)] string Team,
        [property: MaxLength(CatalogRefusal.MaxDescriptionLength)] string? Description,
        [property: Range(1, AccessDesk.MaxRequestsPerSecond)] int? RequestsPerSecond);

    public sealed record RateBody([property: Range(1, AccessDesk.MaxRequestsPerSecond)] int? RequestsPerSecond);

    public sealed record AccessRequestBody(
        [property: MaxLength(DataProductRecord.MaxIdLength)] string DataProductId,
        [property: MaxLength(AccessDesk.MaxIdLength)] string ConsumerId,
        [property: MaxLength(AccessDesk.MaxPurposeLength)] string Purpose,
        bool PersonalData);

    public sealed record DecisionBody([property: MaxLength(AccessDesk.MaxNoteLength)] string? Note);

    public sealed record KeyBody(string Key);

    public static RouteGroupBuilder MapAccess(this RouteGroupBuilder api)
    {
        api.MapPost("/consumers", async (ConsumerBody body, CatalogCaller caller, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Created($"{CatalogApi.Prefix}/consumers/{body.Id}", await desk.RegisterConsumerAsync(body.Id, body.Team, body.Description, body.RequestsPerSecond, caller, ct)))
            .WithName("register-consumer").WithSummary("Registers a consumer (a team's application).")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapGet("/teams/{team}/consumers", async ([MaxLength(TeamDirectory.MaxNameLength)] string team, CatalogCaller caller, AccessDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.ConsumersAsync(team, caller, ct)))
            .WithListLimit().WithName("team-consumers").WithSummary("A team's consumers.")
            .Refusals(StatusCodes.Status400BadRequest);
        api.MapPut("/consumers/{id}/rate", async ([MaxLength(AccessDesk.MaxIdLength)] string id, RateBody body, CatalogCaller caller, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.SetRateAsync(id, body.RequestsPerSecond, caller, ct)))
            .WithName("set-consumer-rate").WithSummary("Sets the requests per second the gateway allows a consumer's keys (administrators only).")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapGet("/consumers/{id}/keys", async ([MaxLength(AccessDesk.MaxIdLength)] string id, CatalogCaller caller, AccessDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.KeysAsync(id, caller, ct)))
            .WithListLimit().WithName("list-keys").WithSummary("A consumer's API keys: prefixes and dates, never the keys.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapPost("/consumers/{id}/keys", async ([MaxLength(AccessDesk.MaxIdLength)] string id, CatalogCaller caller, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Created($"{CatalogApi.Prefix}/consumers/{id}/keys", await desk.IssueKeyAsync(id, caller, ct)))
            .WithName("issue-key").WithSummary("Issues an API key; the key is in this answer only, the catalog keeps its hash.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapPost("/keys/{keyId:guid}/rotate", async (Guid keyId, CatalogCaller caller, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.RotateKeyAsync(keyId, caller, ct)))
            .WithName("rotate-key").WithSummary("Replaces an API key: the new key is shown once, the old one stops working.")
            .Refusals(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapPost("/keys/{keyId:guid}/revoke", async (Guid keyId, CatalogCaller caller, AccessDesk desk, CancellationToken ct) =>
        {
            await desk.RevokeKeyAsync(keyId, caller, ct);
            return TypedResults.NoContent();
        }).WithName("revoke-key").WithSummary("Revokes an API key.")
            .Refusals(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapPost("/keys/lookup", async (KeyBody body, AccessDesk desk, CancellationToken ct) =>
            string.IsNullOrEmpty(body.Key) || body.Key.Length > 200
                ? throw CatalogRefusal.Invalid("key", "is required, at most 200 characters")
                : await desk.LookupAsync(body.Key, ct) is { } found ? Results.Ok(found) : throw CatalogRefusal.NotFound("key", "no active API key matches"))
            .WithName("lookup-key").WithSummary("For the gateway: the consumer, team and grants (with purposes and whether personal data may be read) of an active key.")
            .Produces<ApiKeyLookup>().RequireMeshService(ServiceCredentials.Gateway).ExcludeFromDescription()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/edge/policy", async (EdgePolicyReader reader, CancellationToken ct) => TypedResults.Ok(await reader.ReadAsync(ct)))
            .WithName("edge-policy").WithSummary("For the gateway: each domain's owner teams, and each query endpoint with the personal data its contract marks.")
            .RequireMeshService(ServiceCredentials.Gateway).ExcludeFromDescription();
        api.MapPost("/access-requests", async (AccessRequestBody body, CatalogCaller caller, AccessDesk desk, CancellationToken ct) =>
        {
            var request = await desk.RequestAsync(body.DataProductId, body.ConsumerId, body.Purpose, body.PersonalData, caller, ct);
            return TypedResults.Created($"{CatalogApi.Prefix}/access-requests/{request.Id}", request);
        }).WithName("request-access").WithSummary("A consumer asks for access to a data product, with a purpose.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapGet("/consumers/{id}/access-requests", async ([MaxLength(AccessDesk.MaxIdLength)] string id, CatalogCaller caller, AccessDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.RequestsOfAsync(id, caller, ct)))
            .WithListLimit().WithName("consumer-access").WithSummary("A consumer's access requests and grants.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapPost("/access-requests/{id:guid}/approve", async (Guid id, DecisionBody? body, CatalogCaller caller, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.DecideAsync(id, approve: true, body?.Note, caller, ct)))
            .WithName("approve-access").WithSummary("An owner of the product's team approves a pending request: it becomes a grant.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapPost("/access-requests/{id:guid}/deny", async (Guid id, DecisionBody? body, CatalogCaller caller, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.DecideAsync(id, approve: false, body?.Note, caller, ct)))
            .WithName("deny-access").WithSummary("An owner of the product's team denies a pending request.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapPost("/access-requests/{id:guid}/revoke", async (Guid id, DecisionBody? body, CatalogCaller caller, AccessDesk desk, CancellationToken ct) =>
            TypedResults.Ok(await desk.RevokeAsync(id, body?.Note, caller, ct)))
            .WithName("revoke-access").WithSummary("Ends a grant (the owner team, or whoever manages the consumer).")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapGet("/access-requests/{id:guid}/audit", async (Guid id, CatalogCaller caller, AccessDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.AuditTrailAsync(id, caller, ct)))
            .WithListLimit().WithName("access-audit").WithSummary("Every step of an access request: who, what, when (the owner team and administrators).")
            .Refusals(StatusCodes.Status404NotFound);
        api.MapGet("/teams/{team}/approval-queue", async ([MaxLength(TeamDirectory.MaxNameLength)] string team, CatalogCaller caller, AccessDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.QueueAsync(team, caller, ct)))
            .WithListLimit().WithName("approval-queue").WithSummary("The pending requests for the products a team owns (its members and administrators).")
            .Refusals(StatusCodes.Status400BadRequest);
        return api;
    }
}
