namespace DataMesh.Catalog.Api;

/// <summary>Answers a <see cref="CatalogRefusal"/> as an RFC 7807 problem whose <c>errors</c> name the field, as validation problems do.</summary>
public sealed class CatalogRefusalFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (CatalogRefusal refusal)
        {
            return TypedResults.Problem(
                detail: $"{refusal.Field}: {refusal.Message}",
                statusCode: refusal.StatusCode,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [refusal.Field] = [refusal.Message] } });
        }
    }
}
