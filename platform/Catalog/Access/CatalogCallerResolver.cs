using DataMesh.Catalog.People;

namespace DataMesh.Catalog.Access;

/// <summary>
/// Works out who calls, once per request: the consumer the gateway names (only beside the gateway's credential: anyone
/// else's <see cref="MeshHeaders.Consumer"/> is ignored), else the signed-in person, else the service whose credential
/// the request carries, else nobody. The gateway's credential alone makes nobody known: it forwards anonymous visitors too.
/// </summary>
public sealed class CatalogCallerResolver(ServiceCredentials credentials, TeamDirectory teams)
{
    public async Task<CatalogCaller> ResolveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Items[typeof(CatalogCaller)] is CatalogCaller known)
        {
            return known;
        }

        var caller = await IdentifyAsync(http, cancellationToken);
        http.Items[typeof(CatalogCaller)] = caller;
        return caller;
    }

    private async Task<CatalogCaller> IdentifyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var headers = http.Request.Headers;
        var service = credentials.Identify(headers[MeshHeaders.ServiceCredential]);
        if (service == ServiceCredentials.Gateway && headers[MeshHeaders.Consumer] is [{ Length: > 0 } consumer] && headers[MeshHeaders.Team] is [{ Length: > 0 } team])
        {
            return new ConsumerCaller(consumer, team);
        }

        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirst(PersonClaims.UserName)?.Value is { Length: > 0 } userName)
        {
            return await teams.PersonAsync(userName, http.User.HasClaim(PersonClaims.Role, PersonClaims.AdministratorRole), cancellationToken);
        }

        return service is null or ServiceCredentials.Gateway ? CatalogCaller.Anonymous : new ServiceCaller(service);
    }
}
