using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace DataMesh.Gateway.Edge;

/// <summary>
/// Refuses malformed and oversized requests before any route sees them: paths with encoded slashes or backslashes
/// (a destination could decode them into another path than the one the gateway checked), a request framed two ways
/// (Content-Length with Transfer-Encoding: the smuggling shape), headers or bodies over the limits. A body without a
/// length is read here, up to the limit, so that a destination never receives part of a body the gateway refuses.
/// </summary>
public sealed class RequestScreening(IOptions<EdgeOptions> options) : IMiddleware
{
    private static readonly string[] ForbiddenInPath = ["%2f", "%5c", "\\"];

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Screen(context) is { } refusal)
        {
            // Whatever else the client sent on this connection is not trusted to be framed as it seems.
            context.Response.Headers.Connection = "close";
            await refusal.WriteAsync(context);
            return;
        }

        var request = context.Request;
        if (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0)
        {
            request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: options.Value.MaxRequestBodyBytes);
            try
            {
                await request.Body.DrainAsync(context.RequestAborted);
            }
            catch (Exception tooLarge) when (tooLarge is IOException or BadHttpRequestException)
            {
                await TooLarge().WriteAsync(context);
                return;
            }

            request.Body.Position = 0;
        }

        await next(context);
    }

    private EdgeRefusal? Screen(HttpContext context)
    {
        var request = context.Request;
        // The path as sent, before the query: an encoded slash in a query value is ordinary data.
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var path = target.IndexOf('?') is var query and >= 0 ? target[..query] : target;
        if (ForbiddenInPath.Any(forbidden => path.Contains(forbidden, StringComparison.OrdinalIgnoreCase)))
        {
            return EdgeRefusal.Malformed("path", "encoded slashes and backslashes are not accepted in a path");
        }

        // Kestrel honours Transfer-Encoding over Content-Length and keeps the latter aside as X-Content-Length.
        if ((request.Headers.ContentLength is not null || request.Headers.ContainsKey("X-Content-Length")) && request.Headers.TransferEncoding.Count > 0)
        {
            return EdgeRefusal.Malformed("Transfer-Encoding", "a request carries Content-Length or Transfer-Encoding, not both");
        }

        var headerBytes = request.Headers.Sum(header => header.Key.Length + header.Value.Sum(value => (value?.Length ?? 0) + 4));
        if (headerBytes > options.Value.MaxRequestHeaderBytes)
        {
            return new EdgeRefusal(StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large", "headers",
                $"{headerBytes} bytes of headers; at most {options.Value.MaxRequestHeaderBytes}");
        }

        return request.ContentLength > options.Value.MaxRequestBodyBytes ? TooLarge() : null;
    }

    private EdgeRefusal TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "Request body too large", "body", $"at most {options.Value.MaxRequestBodyBytes} bytes");
}
