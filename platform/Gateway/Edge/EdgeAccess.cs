using Yarp.ReverseProxy.Configuration;

namespace DataMesh.Gateway.Edge;

/// <summary>
/// The door of every route: who calls (the API key), whether they may pass (the route's access, the caller's team
/// and grants), how fast (their rate), and whether the answer is masked. Runs in YARP's pipeline, after the route is
/// chosen and before anything is sent to the destination.
/// </summary>
public sealed class EdgeAccess(
    ConsumerDirectory consumers,
    EdgePolicySource policies,
    ConsumerRateLimits rateLimits,
    ServiceCredentialForwarding credentials,
    ILogger<EdgeAccess> logger) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var route = context.GetReverseProxyFeature().Route.Config;
        var access = AccessOf(route);
        if (access == GatewayAccess.Internal)
        {
            await EdgeRefusal.NotRouted(context.Request.Path).WriteAsync(context);
            return;
        }

        try
        {
            if (await DecideAsync(context, route, access) is { } refusal)
            {
                await refusal.Refusal.WriteAsync(context, refusal.RetryAfter);
                return;
            }
        }
        catch (CatalogUnavailableException unavailable)
        {
            logger.LogWarning(unavailable, "Refused {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, unavailable.Message);
            await new EdgeRefusal(StatusCodes.Status503ServiceUnavailable, "Access cannot be checked", "catalog", unavailable.Message)
                .WriteAsync(context, TimeSpan.FromSeconds(5));
            return;
        }

        credentials.Apply(context.Request, route.ClusterId!);
        await next(context);
    }

    private async Task<(EdgeRefusal Refusal, TimeSpan? RetryAfter)?> DecideAsync(HttpContext context, RouteConfig route, GatewayAccess access)
    {
        var request = context.Request;
        var keys = request.Headers[EdgeHeaders.ApiKey];
        if (keys.Count > 1)
        {
            return (EdgeRefusal.Malformed(EdgeHeaders.ApiKey, "send one key, not several"), null);
        }

        Consumer? consumer = null;
        if (keys.Count == 1)
        {
            var key = keys[0]!;
            if (!consumers.TryRecall(key, out consumer))
            {
                // A key the gateway does not remember costs a catalog look-up: an address that presents many new keys
                // (someone guessing) waits, while keys the gateway remembers still pass.
                if (rateLimits.AdmitKeyLookUp(context) is { } lookUpWait)
                {
                    return (new EdgeRefusal(StatusCodes.Status429TooManyRequests, "Too many new keys", EdgeHeaders.ApiKey,
                        "this address presented too many keys unknown to the gateway; wait for Retry-After seconds"), lookUpWait);
                }

                consumer = await consumers.LookUpAsync(key, context.RequestAborted);
            }

            if (consumer is null)
            {
                return (EdgeRefusal.UnknownKey(), null);
            }
        }

        // The destination learns who calls from the gateway alone, and never sees the key.
        request.Headers.Remove(EdgeHeaders.ApiKey);
        request.Headers.Remove(EdgeHeaders.Consumer);
        request.Headers.Remove(EdgeHeaders.Team);
        if (consumer is not null)
        {
            request.Headers[EdgeHeaders.Consumer] = consumer.ConsumerId;
            request.Headers[EdgeHeaders.Team] = consumer.Team;
            context.Response.OnStarting(CallerPrivateAnswer.Mark, context.Response);
        }

        if (rateLimits.Admit(consumer, context) is { } wait)
        {
            return (new EdgeRefusal(StatusCodes.Status429TooManyRequests, "Too many requests",
                consumer is null ? "client" : EdgeHeaders.ApiKey, "over the rate allowed; wait for Retry-After seconds"), wait);
        }

        var reads = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        return access switch
        {
            GatewayAccess.Open => null,
            GatewayAccess.Discovery when reads => null,
            _ when consumer is null => (EdgeRefusal.MissingKey(), null),
            GatewayAccess.Discovery or GatewayAccess.Keyed => null,
            _ => await DomainDecisionAsync(context, consumer, route.Metadata![DomainMetadata], reads),
        };
    }

    private async Task<(EdgeRefusal, TimeSpan?)?> DomainDecisionAsync(HttpContext context, Consumer consumer, string domain, bool reads)
    {
        var policy = await policies.CurrentAsync(context.RequestAborted);
        var ownTeam = policy.IsTeamOf(domain, consumer.Team);
        if (reads && policy.QueryPortFor(context.Request.Path) is { } port && port.Domain == domain)
        {
            if (ownTeam || port.Owner == consumer.Team)
            {
                return null;
            }

            if (consumer.GrantFor(port.DataProductId) is not { } grant)
            {
                return (EdgeRefusal.Forbidden(EdgeHeaders.ApiKey,
                    $"consumer '{consumer.ConsumerId}' has no grant for data product {port.DataProductId}; ask for access in the catalog"), null);
            }

            if (!grant.PersonalData && port.PersonalData.Count > 0)
            {
                context.Features.Set(new PersonalDataMask(port.DataProductId, port.PersonalData));
            }

            return null;
        }

        var teams = policy.DomainTeams.TryGetValue(domain, out var owners) ? string.Join(", ", owners) : "none registered yet";
        return ownTeam ? null : (EdgeRefusal.Forbidden(EdgeHeaders.ApiKey,
            $"only keys of the {domain} domain's own team ({teams}) reach its commands and internal reads; team '{consumer.Team}' reads its data products through their query endpoints"), null);
    }

    private const string AccessMetadata = GatewayRouteMetadata.Access;
    private const string DomainMetadata = GatewayRouteMetadata.Domain;

    /// <summary>The route's access; a route that states none, or one this gateway does not know, is never forwarded.</summary>
    private static GatewayAccess AccessOf(RouteConfig route) =>
        route.Metadata?.GetValueOrDefault(AccessMetadata) is { } stated && Enum.TryParse<GatewayAccess>(stated, ignoreCase: true, out var access) && Enum.IsDefined(access)
        && (access != GatewayAccess.Domain || route.Metadata.ContainsKey(DomainMetadata))
            ? access
            : GatewayAccess.Internal;
}
