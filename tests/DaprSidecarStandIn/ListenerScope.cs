namespace DaprSidecarStandIn;

/// <summary>
/// Keeps each of daprd's ports to its own API: gRPC on the gRPC port, <c>/metrics</c> on the metrics port,
/// the HTTP API on the HTTP port. Decided by the local port, not the Host header, because Aspire's proxy
/// forwards to the ports under its own host and port.
/// </summary>
public sealed class ListenerScope(DaprdCommandLine commandLine) : IMiddleware
{
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var port = context.Connection.LocalPort;
        var isGrpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        var isMetrics = context.Request.Path == "/metrics";
        var allowed = port == commandLine.GrpcPort ? isGrpc
            : port == commandLine.MetricsPort ? isMetrics
            : !isGrpc && !isMetrics;
        if (allowed)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
