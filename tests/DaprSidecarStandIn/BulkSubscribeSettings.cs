namespace DaprSidecarStandIn;

/// <summary>A subscription's <c>bulkSubscribe</c>: at most this many events per bulk message, waiting at most this long to fill it.</summary>
public sealed record BulkSubscribeSettings(int MaxMessagesCount, TimeSpan MaxAwaitDuration)
{
    /// <summary>daprd's defaults when the subscription leaves them out.</summary>
    public const int DefaultMaxMessagesCount = 100;

    public static readonly TimeSpan DefaultMaxAwaitDuration = TimeSpan.FromSeconds(1);
}
