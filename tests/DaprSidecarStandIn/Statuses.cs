namespace DaprSidecarStandIn;

/// <summary>
/// The statuses an app answers to a delivery (dapr/components-contrib <c>pubsub/responses.go</c>,
/// <c>AppResponseStatus</c>), compared as written: daprd does not fold case.
/// </summary>
public static class Statuses
{
    public const string Success = "SUCCESS";
    public const string Retry = "RETRY";
    public const string Drop = "DROP";
}
