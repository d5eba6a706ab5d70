using System.ComponentModel.DataAnnotations;

namespace DataMesh.Gateway.Edge;

/// <summary>The gateway's limits and cache lifetimes (configuration section <c>Edge</c>); checked at start.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    /// <summary>How long a key's look-up is trusted: a revoked key or a changed grant takes effect within this time.</summary>
    [Range(1, 30)]
    public int KeyCacheSeconds { get; set; } = 10;

    /// <summary>How long the catalog's edge policy (owner teams, query ports, personal data) is trusted.</summary>
    [Range(1, 300)]
    public int PolicyCacheSeconds { get; set; } = 10;

    /// <summary>Requests per second for a key whose consumer states no rate of its own in the catalog.</summary>
    [Range(1, 100_000)]
    public int DefaultRequestsPerSecond { get; set; } = 100;

    /// <summary>Requests per second for callers without a key, per client address.</summary>
    [Range(1, 100_000)]
    public int AnonymousRequestsPerSecond { get; set; } = 50;

    /// <summary>
    /// Catalog look-ups per second of keys the gateway does not remember, per client address (a client presents its key
    /// once per <see cref="KeyCacheSeconds"/>); above it, such keys get 429 while remembered ones pass.
    /// </summary>
    [Range(1, 10_000)]
    public int KeyLookUpsPerSecond { get; set; } = 20;

    /// <summary>
    /// Addresses of the proxies in front of the gateway whose <c>X-Forwarded-*</c> headers it believes (none by default:
    /// the client's own address counts).
    /// </summary>
    [AllAddresses]
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, <c>10.0.0.0/8</c>) whose proxies the gateway believes, as <see cref="KnownProxies"/>.</summary>
    [AllNetworks]
    public string[] KnownNetworks { get; set; } = [];

    [Range(1, 64 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The request line's headers together; Kestrel's own limit, above this one, cuts off larger ones without a problem body.</summary>
    [Range(1024, 32 * 1024)]
    public int MaxRequestHeaderBytes { get; set; } = 16 * 1024;

    /// <summary>The largest query answer the gateway masks; masking needs the whole answer in memory.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxMaskedResponseBytes { get; set; } = 16 * 1024 * 1024;
}
