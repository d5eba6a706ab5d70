using DataMesh.DataProducts.Subscribing;

namespace DataMesh.DataProducts.Registration;

/// <summary>
/// The catalog's paths that only the mesh calls, as gateway path patterns: the AppHost makes each an internal route, which
/// the gateway never forwards (the catalog's UI route would forward anything else).
/// </summary>
public static class CatalogInternalPaths
{
    /// <summary>
    /// The API operations only the mesh's own services call: registrations, reports, the gateway's key look-ups and policy.
    /// The catalog's tests hold them to its routes: each matches one, and every operation the catalog leaves out of its
    /// public description is here (or named there as public).
    /// </summary>
    public static readonly IReadOnlyList<string> Operations =
    [
        $"{DeadLetterReplayRoute.ApiPrefix}/registrations/{{**rest}}",
        $"{DeadLetterReplayRoute.ApiPrefix}/keys/lookup",
        $"{DeadLetterReplayRoute.ApiPrefix}/edge/{{**rest}}",
        $"{DeadLetterReplayRoute.ApiPrefix}/parked-events",
        $"{DeadLetterReplayRoute.ApiPrefix}{CatalogRegistrationOptions.QualityResultsRoute}",
    ];

    /// <summary>
    /// Where daprd delivers to a mesh app (its subscriptions, input ports, grant changes). The catalog maps none of them (it
    /// reads events through streaming subscriptions), but no delivery path is ever reached from outside, whichever app
    /// comes to serve one.
    /// </summary>
    public static readonly IReadOnlyList<string> Deliveries = ["/dapr/{**rest}", "/dataproducts/{**rest}"];

    public static IEnumerable<string> Patterns => Operations.Concat(Deliveries);
}
