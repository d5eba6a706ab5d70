namespace DaprSidecarStandIn;

/// <summary>
/// Makes one process at a time the consumer of a topic for a consumer group, for example while an old
/// sidecar of the same app is still shutting down. Real Kafka would rebalance partitions; with one
/// partition per topic this is what a rebalance comes down to. Held by an exclusive open of a file.
/// </summary>
public sealed class ConsumerGroupMembership : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly FileStream claim;

    private ConsumerGroupMembership(FileStream claim) => this.claim = claim;

    public static async Task<ConsumerGroupMembership> JoinAsync(string topicDirectory, string group, ILogger logger, CancellationToken cancellationToken)
    {
        var groups = Path.Combine(topicDirectory, "groups");
        Directory.CreateDirectory(groups);
        var path = Path.Combine(groups, $"{Uri.EscapeDataString(group)}.member");
        var waiting = false;
        while (true)
        {
            try
            {
                return new ConsumerGroupMembership(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
            }
            catch (IOException)
            {
                if (!waiting)
                {
                    logger.LogInformation("Another process consumes {Path} for group {Group}; waiting for it to leave", topicDirectory, group);
                    waiting = true;
                }

                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => claim.Dispose();
}
