using DataMesh.DomainServices.Paging;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataMesh.DomainServices.OpenApi;

/// <summary>Writes the bound of a list answered whole (<see cref="ListLimit.WithListLimit"/>) as the answer's maxItems.</summary>
public sealed class ListLimitOperation : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ListLimit.Bound>().FirstOrDefault() is not { } bound)
        {
            return Task.CompletedTask;
        }

        var lists = (operation.Responses ?? [])
            .Where(response => response.Key.StartsWith('2'))
            .SelectMany(response => response.Value.Content?.Values ?? [])
            .Select(content => content.Schema)
            .OfType<OpenApiSchema>()
            .Where(schema => schema.Type is { } type && type.HasFlag(JsonSchemaType.Array));
        foreach (var list in lists)
        {
            list.MaxItems = bound.MaxItems;
        }

        return Task.CompletedTask;
    }
}
