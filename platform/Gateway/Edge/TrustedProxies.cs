using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace DataMesh.Gateway.Edge;

/// <summary>
/// Which senders of <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c> the edge believes: only the proxies and
/// networks in <see cref="EdgeOptions.KnownProxies"/> and <see cref="EdgeOptions.KnownNetworks"/>, none by default
/// (ASP.NET Core's own default trusts loopback). Anyone else's forwarded headers are ignored, so a client cannot pick
/// the address its per-address limits are counted against; the address that results is the one the limits use and
/// the one YARP forwards to destinations.
/// </summary>
public sealed class TrustedProxies(IOptions<EdgeOptions> edge) : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions options)
    {
        // With both lists empty the middleware believes every sender: no proxy named means no header read at all.
        options.ForwardedHeaders = edge.Value.KnownProxies.Length + edge.Value.KnownNetworks.Length == 0
            ? ForwardedHeaders.None
            : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in edge.Value.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in edge.Value.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }
}
