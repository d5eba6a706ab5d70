using DataMesh.Catalog.Access;

namespace DataMesh.Catalog.Api;

/// <summary>Endpoints that only one mesh service calls, proven by its credential (<see cref="ServiceCredentials"/>).</summary>
public static class MeshServiceFilter
{
    /// <summary>Refuses a call without a known service credential (401) and one from another service (403).</summary>
    public static RouteHandlerBuilder RequireMeshService(this RouteHandlerBuilder builder, string service) =>
        builder.AddEndpointFilter(async (context, next) =>
            {
                var caller = Identify(context.HttpContext);
                if (caller != service)
                {
                    throw CatalogRefusal.Forbidden(MeshHeaders.ServiceCredential, $"only the {service} calls this endpoint, not the {caller}");
                }

                // The gateway's credential is on everything it forwards too: a request it forwards for a consumer is not the gateway's own.
                if (context.HttpContext.Request.Headers.ContainsKey(MeshHeaders.Consumer))
                {
                    throw CatalogRefusal.Forbidden(MeshHeaders.Consumer, $"only the {service} itself calls this endpoint, not a consumer through it");
                }

                return await next(context);
            })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>The mesh service whose credential the request carries.</summary>
    /// <exception cref="CatalogRefusal">401: no credential the catalog knows.</exception>
    public static string Identify(HttpContext http) =>
        http.RequestServices.GetRequiredService<ServiceCredentials>().Identify(http.Request.Headers[MeshHeaders.ServiceCredential])
        ?? throw CatalogRefusal.Unauthorized(MeshHeaders.ServiceCredential, "missing, or not a mesh service's credential");
}
