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

    /// <summary>Whether the answer for <paramref name="key"/> is remembered: its consumer, or null for a key known to be unknown or revoked.</summary>
    public bool TryRecall(string key, out Consumer? consumer) => cache.TryGetValue(CacheKey(key), out consumer);

    /// <summary>Asks the catalog who is behind <paramref name="key"/> and remembers the answer; null for a key that is unknown or revoked.</summary>
    /// <exception cref="CatalogUnavailableException">The catalog did not answer.</exception>
    public async Task<Consumer?> LookUpAsync(string key, CancellationToken cancellationToken)
    {
        var found = await LookupAsync(key, cancellationToken);
        cache.Set(CacheKey(key), found, TimeSpan.FromSeconds(options.Value.KeyCacheSeconds));
        return found;
    }

    // The cache holds the key's hash, not the key.
    private static string CacheKey(string key) => "key:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

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
