namespace DaprSidecarStandIn;

/// <summary>
/// Which topics of a pub/sub component this app may publish and subscribe to, read from the component's metadata as
/// daprd reads it: dapr/dapr pkg/scopes/scopes.go (<c>publishingScopes</c> and <c>subscriptionScopes</c> as
/// <c>app1=t1,t2;app2=</c>, names matched case-insensitively, spaces removed; <c>allowedTopics</c>, <c>protectedTopics</c>
/// as <c>t1,t2</c>) and pkg/runtime/pubsub/adapter.go IsOperationAllowed.
/// </summary>
public sealed class TopicScopes
{
    private readonly List<string> allowed;
    private readonly List<string> @protected;
    private readonly List<string> publishing;
    private readonly List<string> subscribing;

    public TopicScopes(IReadOnlyDictionary<string, string> metadata, string appId)
    {
        allowed = Topics(Find(metadata, "allowedTopics"));
        @protected = Topics(Find(metadata, "protectedTopics"));
        publishing = ScopedTopics(Find(metadata, "publishingScopes"), appId);
        subscribing = ScopedTopics(Find(metadata, "subscriptionScopes"), appId);
    }

    public bool MayPublish(string topic) => IsOperationAllowed(topic, publishing);

    public bool MaySubscribe(string topic) => IsOperationAllowed(topic, subscribing);

    /// <summary>
    /// A topic outside a non-empty <c>allowedTopics</c> is refused to every app; an app with no scoped topics may use any
    /// topic that is not protected; otherwise only its scoped topics (<c>app=</c> scopes it to none).
    /// </summary>
    private bool IsOperationAllowed(string topic, List<string> scoped)
    {
        if (allowed.Count > 0 && !allowed.Contains(topic))
        {
            return false;
        }

        return (!@protected.Contains(topic) && scoped.Count == 0) || scoped.Contains(topic);
    }

    private static string? Find(IReadOnlyDictionary<string, string> metadata, string name) =>
        metadata.FirstOrDefault(entry => string.Equals(entry.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private static List<string> Topics(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Replace(" ", "", StringComparison.Ordinal).Split(',').Distinct().ToList();

    private static List<string> ScopedTopics(string? value, string appId)
    {
        var topics = new List<string>();
        if (string.IsNullOrEmpty(value))
        {
            return topics;
        }

        foreach (var app in value.Replace(" ", "", StringComparison.Ordinal).Split(';'))
        {
            var parts = app.Split('=');
            if (parts.Length < 2 || parts[0] != appId)
            {
                continue;
            }

            // "app=" gives the list one empty topic: scoped, to nothing.
            topics.AddRange(parts[1].Split(',').Where(topic => !topics.Contains(topic)));
        }

        return topics;
    }
}
