using Dapr;
using Grpc.Core;

namespace DataMesh.DataProducts.Publishing;

/// <summary>How far a refusal by the sidecar tells about the row refused, which decides whether it counts against the row.</summary>
internal enum RefusalScope
{
    /// <summary>The sidecar was not reached or did not answer (down, restarting, timed out): says nothing about the row.</summary>
    Unreachable,

    /// <summary>The sidecar refused the topic or the caller (scopes, token, unknown pub/sub): every row of it would be refused alike.</summary>
    Configuration,

    /// <summary>Could be the row or the broker (daprd answers Internal for both): counts only beside evidence that the broker takes other rows.</summary>
    Ambiguous,

    /// <summary>The broker's producer refused this message for its own content (too large), whatever the broker's state.</summary>
    Row,
}

/// <summary>Why the sidecar did not accept one outbox row, and what that says about the row.</summary>
/// <param name="Reason">The sidecar's error message: daprd's and the broker's words, never the event's data.</param>
internal sealed record PublishRefusal(RefusalScope Scope, string Reason)
{
    /// <summary>The longest reason kept on the row and shown in the catalog.</summary>
    public const int MaxReasonLength = OutboxModel.MaxLastErrorLength;

    /// <summary>
    /// Kafka's producer (sarama, as components-contrib v1.18 uses it) refuses a message over <c>Producer.MaxMessageBytes</c>
    /// before it reaches a broker (<c>async_producer.go</c>), and the broker refuses one over its <c>message.max.bytes</c>
    /// with MESSAGE_TOO_LARGE (<c>errors.go</c>, <c>ErrMessageSizeTooLarge</c>); daprd passes either text on in its error.
    /// </summary>
    private static readonly string[] TooLarge =
    [
        "larger than configured Producer.MaxMessageBytes",
        "Message was too large, server rejected it",
    ];

    /// <summary>A refusal read from a bulk entry's error or a failed call.</summary>
    public static PublishRefusal From(StatusCode? status, string message)
    {
        var reason = message.Length <= MaxReasonLength ? message : message[..MaxReasonLength];
        if (TooLarge.Any(text => message.Contains(text, StringComparison.Ordinal)))
        {
            return new(RefusalScope.Row, reason);
        }

        return new(status switch
        {
            StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.Aborted or StatusCode.ResourceExhausted => RefusalScope.Unreachable,
            StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.NotFound or StatusCode.Unimplemented or StatusCode.FailedPrecondition => RefusalScope.Configuration,
            _ => RefusalScope.Ambiguous,
        }, reason);
    }

    /// <summary>A refusal read from an exception of a publish call (gRPC, or the Dapr SDK wrapping gRPC).</summary>
    public static PublishRefusal From(Exception exception) => exception switch
    {
        RpcException rpc => From(rpc.StatusCode, rpc.Status.Detail),
        DaprException { InnerException: RpcException rpc } => From(rpc.StatusCode, rpc.Status.Detail),
        _ => new(RefusalScope.Unreachable, exception.Message.Length <= MaxReasonLength ? exception.Message : exception.Message[..MaxReasonLength]),
    };
}
