using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace DataMesh.DomainServices.OpenApi;

/// <summary>
/// What every public document says about the edge in front of the service: callers reach it through the gateway
/// with an API key (<c>X-Api-Key</c>), over the gateway's address (a relative server, public), and every operation
/// may be refused there (401 no or unknown key, 403 not allowed, 429 over the rate, with Retry-After).
/// </summary>
public sealed class EdgeSecurityDocument : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "The mesh's gateway, in production and local runs alike", Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(JsonValue.Create(false)) } }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = MeshHeaders.ApiKey,
            Description = "A consumer's key from the catalog; the gateway checks it, the team it belongs to and its grants.",
        };
        var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] };
        foreach (var operation in (document.Paths ?? []).SelectMany(path => path.Value.Operations ?? []).Select(operation => operation.Value))
        {
            operation.Security = [requirement];
            operation.Responses ??= new OpenApiResponses();
            ProblemResponses.Add(operation.Responses, StatusCodes.Status401Unauthorized, "No key, or a key the catalog does not know.");
            ProblemResponses.Add(operation.Responses, StatusCodes.Status403Forbidden, "The key's team may not do this.");
            ProblemResponses.Add(operation.Responses, StatusCodes.Status429TooManyRequests, "Over the rate allowed; wait for Retry-After seconds.", retryAfter: true);
        }

        return Task.CompletedTask;
    }
}
