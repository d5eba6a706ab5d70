namespace DaprSidecarStandIn;

/// <summary>A publish daprd would refuse, with daprd's error code (ERR_PUBSUB_NOT_FOUND...) and message.</summary>
public sealed class PublishRefusedException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
