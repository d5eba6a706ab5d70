using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Puts the service's own credential (<see cref="MeshCredentials.ServiceCredentialKey"/>) on every request of an
/// HttpClient that calls the catalog, so the catalog knows which service calls. A service given no credential sends
/// none, and the catalog treats its calls as anyone's.
/// </summary>
public sealed class MeshServiceCredentialHandler(IConfiguration configuration) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(MeshHeaders.ServiceCredential);
        if (configuration[MeshCredentials.ServiceCredentialKey] is { Length: > 0 } credential)
        {
            request.Headers.TryAddWithoutValidation(MeshHeaders.ServiceCredential, credential);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
