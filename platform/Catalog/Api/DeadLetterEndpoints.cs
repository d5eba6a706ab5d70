using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using DataMesh.DomainServices.Paging;

namespace DataMesh.Catalog.Api;

/// <summary>A consuming product's dead letters: listed to everyone (personal fields masked but for its team), replayed by its team, administrators and its domain's service.</summary>
public static class DeadLetterEndpoints
{
    public sealed record ReplayAllAnswer(int Replayed);

    public static RouteGroupBuilder MapDeadLetters(this RouteGroupBuilder api)
    {
        api.MapGet("/products/{consumerId}/dead-letters", async ([MaxLength(DataProductRecord.MaxIdLength)] string consumerId, CatalogCaller caller, DeadLetterReplay replay, CancellationToken ct) =>
            TypedResults.Ok(await replay.ListAsync(consumerId, caller, ct)))
            .WithName("consumer-dead-letters").WithSummary("The events a consuming product refused, newest first: personal fields masked except for the product's team and administrators.")
            .WithListLimit().Answers(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapPost("/products/{consumerId}/dead-letters/{eventId}/replay", async ([MaxLength(DataProductRecord.MaxIdLength)] string consumerId, [MaxLength(DeadLetterRecord.MaxAttributeLength)] string eventId, CatalogCaller caller, DeadLetterReplay replay, CancellationToken ct) =>
            TypedResults.Ok(await replay.ReplayAsync(consumerId, eventId, caller, ct)))
            .WithName("replay-dead-letter").WithSummary("Sends a dead letter back to its consumer, through its inbox (a second replay is applied once).")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        api.MapPost(DataMesh.DataProducts.Subscribing.DeadLetterReplayRoute.Pattern, async ([MaxLength(DataProductRecord.MaxIdLength)] string consumerId, CatalogCaller caller, DeadLetterReplay replay, CancellationToken ct) =>
            TypedResults.Ok(new ReplayAllAnswer(await replay.ReplayAllAsync(consumerId, caller, ct))))
            .WithName("replay-dead-letters").WithSummary($"Sends back every dead letter of the consumer not replayed yet, the oldest first, at most {DeadLetterReplay.MaxPerCall} a call.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return api;
    }
}
