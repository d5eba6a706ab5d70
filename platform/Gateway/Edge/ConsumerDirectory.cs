using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace DataMesh.Gateway.Edge;

/// <summary>
/// Who is behind an API key, asked of the catalog (<c>POST /api/catalog/v1/keys/lookup</c>) and remembered for
/// <see cref="EdgeOptions.KeyCacheSeconds"/>, unknown keys too, so a flood of requests is not a flood of look-ups.
/// </summary>
public sealed class ConsumerDirectory(HttpClient catalog, IMemoryCache cache, IOptions<EdgeOptions> options)
{
    public const string LookupPath = "/api/catalog/v1/keys/lookup";

    private sealed record LookupAnswer(string ConsumerId, string Team, int? RequestsPerSecond, IReadOnlyList<Grant> Grants);

    /// <summary>The consumer behind <paramref name="key"/>; null for a key that is unknown or revoked.</summary>
    /// <exception cref="CatalogUnavailableException">The catalog did not answer.</exception>
    public async Task<Consumer?> FindAsync(string key, CancellationToken cancellationToken)
    {
        // The cache holds the key's hash, not the key.
        var cacheKey = "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        if (cache.TryGetValue(cacheKey, out Consumer? known))
        {
            return known;
        }

        var found = await LookupAsync(key, cancellationToken);
        cache.Set(cacheKey, found, TimeSpan.FromSeconds(options.Value.KeyCacheSeconds));
        return found;
    }

    private async Task<Consumer?> LookupAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await catalog.PostAsJsonAsync(LookupPath, new { key }, cancellationToken);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            var answer = await response.Content.ReadFromJsonAsync<LookupAnswer>(cancellationToken)
                ?? throw new CatalogUnavailableException("The catalog's key look-up answered nothing.");
            return new Consumer(answer.ConsumerId, answer.Team, answer.RequestsPerSecond, answer.Grants);
        }
        catch (HttpRequestException unreachable)
        {
            throw new CatalogUnavailableException("The catalog could not be asked about the key.", unreachable);
        }
    }
}
