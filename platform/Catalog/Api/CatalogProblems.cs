using DataMesh.DomainServices.OpenApi;

namespace DataMesh.Catalog.Api;

/// <summary>
/// The problems an operation of the catalog's API can answer, in its document as the domains' are
/// (<see cref="ProblemResponses"/>: an RFC 7807 object, whatever the framework's problem types would add).
/// </summary>
public static class CatalogProblems
{
    private static readonly Dictionary<int, string> Meanings = new()
    {
        [StatusCodes.Status400BadRequest] = "The request breaks a bound or a rule; the problem names the field.",
        [StatusCodes.Status401Unauthorized] = "Nobody signed in and no API key: sign in, or call through the gateway with a key.",
        [StatusCodes.Status403Forbidden] = "The caller may not do this; the problem names the field and says why.",
        [StatusCodes.Status404NotFound] = "No such product, contract version, team, consumer, key or request; the problem names the field.",
        [StatusCodes.Status409Conflict] = "The change conflicts with the current state (it exists already, or is decided already); the problem names the field.",
        [StatusCodes.Status500InternalServerError] = "The catalog failed to answer.",
        [StatusCodes.Status503ServiceUnavailable] = "The catalog is not given what this needs here (a consumer's SQL login without the provisioning role); the problem says what.",
    };

    /// <summary>Documents the problems the operation (or every operation of a group) can answer.</summary>
    public static TBuilder Answers<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses ??= new Microsoft.OpenApi.OpenApiResponses();
            foreach (var status in statusCodes)
            {
                ProblemResponses.Add(operation.Responses, status, Meanings[status]);
            }

            return Task.CompletedTask;
        });
}
