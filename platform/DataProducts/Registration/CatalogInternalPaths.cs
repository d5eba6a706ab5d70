using DataMesh.DataProducts.Subscribing;

namespace DataMesh.DataProducts.Registration;

/// <summary>
/// The catalog's paths that only the mesh's own services call (registrations, reports, the gateway's key look-ups and
/// policy), as gateway path patterns: the AppHost makes each an internal route, which the gateway never
/// forwards. The catalog's tests check that each still matches a route the catalog serves, and that every route the
/// catalog leaves out of its public description is here or named there as public. (The catalog reads events through
/// streaming subscriptions, so daprd delivers nothing to it over HTTP: it maps no <c>/dapr/</c> or <c>/dataproducts/</c> path.)
/// </summary>
public static class CatalogInternalPaths
{
    public static readonly IReadOnlyList<string> Patterns =
    [
        $"{DeadLetterReplayRoute.ApiPrefix}/registrations/{{**rest}}",
        $"{DeadLetterReplayRoute.ApiPrefix}/keys/lookup",
        $"{DeadLetterReplayRoute.ApiPrefix}/edge/{{**rest}}",
        $"{DeadLetterReplayRoute.ApiPrefix}/parked-events",
        $"{DeadLetterReplayRoute.ApiPrefix}{CatalogRegistrationOptions.QualityResultsRoute}",
    ];
}
