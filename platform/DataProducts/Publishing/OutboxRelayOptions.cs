namespace DataMesh.DataProducts.Publishing;

/// <summary>How the outbox relay sends, waits and cleans up; the defaults suit a domain service in production.</summary>
public sealed class OutboxRelayOptions
{
    /// <summary>Whether this replica runs the relay at all; every replica may, since rows are claimed with SKIP LOCKED.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Rows claimed, sent and marked in one transaction.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Whether a batch goes to the sidecar in bulk publish calls (<c>BulkPublishEvent</c>, one per round of distinct
    /// partition keys) rather than one <c>PublishEvent</c> per row. Off for a sidecar or broker without bulk publishing.
    /// </summary>
    public bool BulkPublish { get; set; } = true;

    /// <summary>
    /// How long the relay waits for new rows once the outbox is drained, unless a commit in this process wakes it
    /// first: the delay for rows committed by other replicas or by contexts built outside the service container.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>First wait after the sidecar, broker or database failed; doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many refusals that count against a row (see <see cref="OutboxRelay{TDbContext}"/>) park it: it is then no
    /// longer offered, and no longer holds back the later rows of its key.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// How long sent rows are kept, to answer "was it sent, and when" while investigating; older ones are deleted.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);
}
