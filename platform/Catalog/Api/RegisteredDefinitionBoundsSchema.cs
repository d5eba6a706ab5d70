using DataMesh.Catalog.Discovery;
using DataMesh.Contracts;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataMesh.Catalog.Api;

/// <summary>
/// Writes the bound of what the catalog shows from registered files into the document: a text read from a descriptor or
/// contract is never longer than its file, and a list read from one never has more items than the file has characters
/// (<see cref="RegistrationRequestRules.MaxFileChars"/>). Applies to the shared loader's records (the owner team, the
/// description) and to the catalog's records marked <see cref="ReadFromDefinitionsAttribute"/>, where no tighter bound is declared.
/// </summary>
public sealed class RegisteredDefinitionBoundsSchema : IOpenApiSchemaTransformer
{
    private static readonly string? LoaderNamespace = typeof(DataProductDescriptor).Namespace;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo?.DeclaringType is { } declaring
            && (declaring.Namespace == LoaderNamespace || declaring.IsDefined(typeof(ReadFromDefinitionsAttribute), inherit: false)))
        {
            Bound(schema);
            if (schema.Items is OpenApiSchema items)
            {
                Bound(items);
            }
        }

        return Task.CompletedTask;
    }

    private static void Bound(OpenApiSchema schema)
    {
        if (schema.Type is not { } type || schema.Enum is { Count: > 0 })
        {
            return;
        }

        if (type.HasFlag(JsonSchemaType.String))
        {
            schema.MaxLength ??= RegistrationRequestRules.MaxFileChars;
        }

        if (type.HasFlag(JsonSchemaType.Array))
        {
            schema.MaxItems ??= RegistrationRequestRules.MaxFileChars;
        }
    }
}
