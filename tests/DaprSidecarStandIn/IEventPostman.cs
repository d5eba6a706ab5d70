using System.Text.Json.Nodes;

namespace DaprSidecarStandIn;

/// <summary>
/// Carries one event to its subscriber and reads the answer, as daprd's postmen do (dapr/dapr
/// <c>pkg/runtime/subscription/postman</c>: <c>http</c> to the app's route, <c>streaming</c> down a
/// <c>SubscribeTopicEventsAlpha1</c> stream). Everything around the delivery (policy, dead letters, offsets) is the
/// <see cref="TopicConsumer"/>'s and the same for every postman.
/// </summary>
public interface IEventPostman
{
    /// <param name="timeout">The resiliency policy's timeout of one attempt, if any.</param>
    /// <returns>The outcome, with the HTTP status of a non-2xx answer (a resiliency policy's <c>matching</c> reads it).</returns>
    Task<(DeliveryOutcome Outcome, int? FailedStatus)> DeliverAsync(
        Subscription subscription, string route, JsonObject cloudEvent, TopicRecord record, long offset, TimeSpan? timeout, CancellationToken cancellationToken);
}
