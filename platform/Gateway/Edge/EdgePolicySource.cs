using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DataMesh.Gateway.Edge;

/// <summary>
/// The catalog's <see cref="EdgePolicy"/> (<c>GET /api/catalog/v1/edge/policy</c>), remembered for
/// <see cref="EdgeOptions.PolicyCacheSeconds"/>: a newly registered product or version is enforced within that time.
/// </summary>
public sealed class EdgePolicySource(HttpClient catalog, IMemoryCache cache, IOptions<EdgeOptions> options)
{
    public const string PolicyPath = "/api/catalog/v1/edge/policy";

    /// <exception cref="CatalogUnavailableException">The catalog did not answer.</exception>
    public async Task<EdgePolicy> CurrentAsync(CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync("edge-policy", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.Value.PolicyCacheSeconds);
            try
            {
                return await catalog.GetFromJsonAsync<EdgePolicy>(PolicyPath, cancellationToken)
                    ?? throw new CatalogUnavailableException("The catalog's edge policy was empty.");
            }
            catch (HttpRequestException unreachable)
            {
                throw new CatalogUnavailableException("The catalog could not be asked for the edge policy.", unreachable);
            }
        }))!;
}
