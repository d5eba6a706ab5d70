using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Hosting;

namespace DaprSidecarStandIn;

/// <summary>
/// daprd's API token (<c>DAPR_API_TOKEN</c> in its environment): when set, every call to its APIs must carry it in
/// <c>dapr-api-token</c>, as daprd checks it. HTTP: dapr/dapr pkg/api/http/middlewares.go (APITokenAuthMiddleware:
/// 401 with the plain-text body <c>invalid api token</c>; only <c>GET /v1.0/healthz</c> and <c>GET /v1.0/healthz/outbound</c>
/// are exempt; the header is removed before the request goes on). gRPC: pkg/api/grpc/auth.go (checkAPITokenInContext:
/// Unauthenticated, built by pkg/messaging/v1/util.go ErrorFromHTTPResponseCode). The metrics port is not an API and
/// takes no token.
/// </summary>
public sealed class ApiTokenAuthentication
{
    private ApiTokenAuthentication(string? token) => Token = token;

    /// <summary>The token daprd expects; null when <c>DAPR_API_TOKEN</c> is not set, and then nothing is checked.</summary>
    public string? Token { get; }

    public static ApiTokenAuthentication FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(MeshCredentials.DaprApiTokenVariable) is { Length: > 0 } token ? token : null);

    /// <summary>The HTTP API's check, for the HTTP port only.</summary>
    public sealed class HttpMiddleware(ApiTokenAuthentication authentication, DaprdCommandLine commandLine) : IMiddleware
    {
        public async Task InvokeAsync(HttpContext context, RequestDelegate next)
        {
            if (authentication.Token is not { } token || context.Connection.LocalPort != commandLine.HttpPort)
            {
                await next(context);
                return;
            }

            var request = context.Request;
            if (request.Headers[MeshHeaders.DaprApiToken].ToString() != token && !IsExempt(request.Method, request.Path))
            {
                // Go's http.Error: the message and a newline, as plain text that must not be sniffed.
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/plain; charset=utf-8";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                await context.Response.WriteAsync("invalid api token\n");
                return;
            }

            request.Headers.Remove(MeshHeaders.DaprApiToken);
            await next(context);
        }

        private static bool IsExempt(string method, PathString path) =>
            HttpMethods.IsGet(method) && path.Value?.Trim('/') is "v1.0/healthz" or "v1.0/healthz/outbound";
    }

    /// <summary>The gRPC API's check.</summary>
    public sealed class GrpcInterceptor(ApiTokenAuthentication authentication) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            Check(context);
            return continuation(request, context);
        }

        public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Check(context);
            return continuation(request, responseStream, context);
        }

        public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Check(context);
            return continuation(requestStream, context);
        }

        public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
        {
            Check(context);
            return continuation(requestStream, responseStream, context);
        }

        private void Check(ServerCallContext context)
        {
            if (authentication.Token is not { } token)
            {
                return;
            }

            var presented = context.RequestHeaders.Where(entry => entry.Key == MeshHeaders.DaprApiToken).Select(entry => entry.Value).FirstOrDefault();
            if (presented is null)
            {
                throw Unauthorized("missing api token in request metadata");
            }

            if (presented != token)
            {
                throw Unauthorized("authentication error: api token mismatch");
            }
        }

        /// <summary>daprd's ErrorFromHTTPResponseCode(401, detail): Unauthenticated, the status text as message, the detail in an ErrorInfo.</summary>
        private static RpcException Unauthorized(string detail) => new Google.Rpc.Status
        {
            Code = (int)Code.Unauthenticated,
            Message = "Unauthorized",
            Details =
            {
                Any.Pack(new ErrorInfo
                {
                    Reason = "Unauthorized",
                    Domain = "dapr.io",
                    Metadata = { ["http.code"] = "401", ["http.error_message"] = detail },
                }),
            },
        }.ToRpcException();
    }
}
