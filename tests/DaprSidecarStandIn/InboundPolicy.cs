namespace DaprSidecarStandIn;

/// <summary>
/// What daprd applies around each delivery of a pub/sub component's events to the app (dapr/dapr
/// <c>pkg/resiliency/resiliency.go</c>, <c>ComponentInboundPolicy</c>; <c>pkg/resiliency/policy.go</c>, <c>NewRunner</c>):
/// a timeout per attempt and a retry policy, both optional. With neither, an event has one attempt before daprd
/// dead-letters it (or hands the failure back to the component when the subscription has no dead-letter topic).
/// </summary>
public sealed record InboundPolicy(string Description, RetryPolicy? Retry, TimeSpan? Timeout)
{
    public static InboundPolicy None { get; } = new("no resiliency policy", null, null);
}
