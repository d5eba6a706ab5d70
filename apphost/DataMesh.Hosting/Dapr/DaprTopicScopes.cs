namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// Which app may publish and subscribe to which topics of a pub/sub component, written as the component's metadata
/// as daprd reads it (dapr/dapr pkg/scopes/scopes.go, pkg/runtime/pubsub/adapter.go):
/// <list type="bullet">
/// <item><c>publishingScopes</c>, <c>subscriptionScopes</c>: <c>app1=topic1,topic2;app2=</c>. A listed app may use only
/// its topics, and <c>app2=</c> none at all; an app not listed would be unrestricted, hence the next two.</item>
/// <item><c>allowedTopics</c>: every topic named here; no app uses any other.</item>
/// <item><c>protectedTopics</c>: the same topics; an app not listed in the scopes may use none of them.</item>
/// </list>
/// daprd's own dead-letter publishing goes through the same check (pkg/runtime/subscription/subscription.go,
/// sendToDeadLetter), so a subscriber must be allowed to publish its dead-letter topics.
/// </summary>
public sealed class DaprTopicScopes : IResourceAnnotation
{
    public const string PublishingScopes = "publishingScopes";
    public const string SubscriptionScopes = "subscriptionScopes";
    public const string AllowedTopics = "allowedTopics";
    public const string ProtectedTopics = "protectedTopics";

    private readonly SortedDictionary<string, SortedSet<string>> _publishing = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedSet<string>> _subscribing = new(StringComparer.Ordinal);

    /// <summary>Lets <paramref name="appId"/> publish and subscribe to these topics, beside what it was allowed before.</summary>
    public void Allow(string appId, IEnumerable<string> publishes, IEnumerable<string> subscribes)
    {
        Topics(_publishing, appId).UnionWith(publishes);
        Topics(_subscribing, appId).UnionWith(subscribes);
    }

    public IReadOnlyDictionary<string, SortedSet<string>> Publishing => _publishing;

    public IReadOnlyDictionary<string, SortedSet<string>> Subscribing => _subscribing;

    /// <summary>The four metadata entries; none while no app is listed (a component without scopes is open to every app).</summary>
    public IEnumerable<DaprComponentMetadata> Metadata()
    {
        if (_publishing.Count == 0)
        {
            yield break;
        }

        var all = string.Join(',', _publishing.Values.Concat(_subscribing.Values).SelectMany(topics => topics).Distinct().Order(StringComparer.Ordinal));
        yield return Entry(PublishingScopes, Scopes(_publishing));
        yield return Entry(SubscriptionScopes, Scopes(_subscribing));
        yield return Entry(AllowedTopics, all);
        yield return Entry(ProtectedTopics, all);
    }

    private static DaprComponentMetadata Entry(string name, string value) => new(name, ReferenceExpression.Create($"{value}"));

    private static string Scopes(SortedDictionary<string, SortedSet<string>> scopes) =>
        string.Join(';', scopes.Select(app => $"{app.Key}={string.Join(',', app.Value)}"));

    private static SortedSet<string> Topics(SortedDictionary<string, SortedSet<string>> scopes, string appId)
    {
        if (!scopes.TryGetValue(appId, out var topics))
        {
            topics = new SortedSet<string>(StringComparer.Ordinal);
            scopes[appId] = topics;
        }

        return topics;
    }
}
