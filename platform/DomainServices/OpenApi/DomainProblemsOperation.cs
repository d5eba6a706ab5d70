using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataMesh.DomainServices.OpenApi;

/// <summary>
/// The problems a domain operation can answer, from how the platform handles requests: 400 for a request that does not
/// bind or validate, 404 for an unknown id in the path, and on changes 409 (a conflict or a stale version), 422 (a domain
/// rule) and, where the change needs the entity's version, 428 without <c>If-Match</c>.
/// </summary>
public sealed class DomainProblemsOperation : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        operation.Responses ??= new OpenApiResponses();
        var responses = operation.Responses;
        ProblemResponses.Add(responses, StatusCodes.Status400BadRequest, "The request does not bind or breaks a validation rule; the problem names the field.");
        var path = description.RelativePath ?? string.Empty;
        var onEntity = path.Contains('{', StringComparison.Ordinal);
        if (onEntity)
        {
            ProblemResponses.Add(responses, StatusCodes.Status404NotFound, "No such entity.");
        }

        if (!HttpMethods.IsGet(description.HttpMethod ?? HttpMethods.Get))
        {
            ProblemResponses.Add(responses, StatusCodes.Status409Conflict, "The change conflicts with the current state, or the version in If-Match is not the current one.");
            ProblemResponses.Add(responses, StatusCodes.Status422UnprocessableEntity, "The change breaks a rule of the domain; the problem names the field.");
            if (onEntity)
            {
                ProblemResponses.Add(responses, StatusCodes.Status428PreconditionRequired, "The change needs the entity's version in If-Match.");
            }
        }

        return Task.CompletedTask;
    }
}
