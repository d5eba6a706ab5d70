using System.Collections.Concurrent;

namespace DaprSidecarStandIn;

/// <summary>
/// What stands in for the brokers behind the pub/sub components: for each component, topic logs kept in
/// <c>&lt;resources path&gt;/.standin-broker/&lt;pubsub&gt;/</c>, the folder every sidecar of one AppHost
/// run shares, so that one app's sidecar publishes and another's consumes.
/// </summary>
public sealed class PubSubBroker(DaprdCommandLine commandLine, IReadOnlyDictionary<string, PubSubComponent> components) : IDisposable
{
    public const string BrokerFolderName = ".standin-broker";

    private readonly ConcurrentDictionary<(string PubSub, string Topic), TopicLog> logs = new();

    public IReadOnlyDictionary<string, PubSubComponent> Components { get; } = components;

    public bool TryGetComponent(string pubsubName, out PubSubComponent component) =>
        Components.TryGetValue(pubsubName, out component!);

    public TopicLog Log(string pubsubName, string topic) =>
        logs.GetOrAdd((pubsubName, topic), key => new TopicLog(TopicDirectory(key.PubSub, key.Topic), key.Topic));

    public void Dispose()
    {
        foreach (var log in logs.Values)
        {
            log.Dispose();
        }
    }

    // Escaped so that any topic name is one folder name; a leading dot would hide or climb.
    private string TopicDirectory(string pubsubName, string topic)
    {
        var folder = Uri.EscapeDataString(topic);
        if (folder.StartsWith('.'))
        {
            folder = "%2E" + folder[1..];
        }

        return Path.Combine(commandLine.ResourcesPath, BrokerFolderName, pubsubName, folder);
    }
}
