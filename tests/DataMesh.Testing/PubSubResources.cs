using Aspire.Hosting.ApplicationModel;
using System.Text;

namespace DataMesh.Testing;

/// <summary>
/// A temporary daprd resources path holding a <c>pubsub.kafka</c> component, as the AppHost writes it. Every sidecar
/// of a test gets the same path, so they share the stand-in's topic files, as the AppHost's sidecars do.
/// </summary>
public sealed class PubSubResources : IDisposable
{
    public const string PubSubName = "pubsub";

    /// <summary>The file <see cref="WriteInboundResiliency"/> writes.</summary>
    public const string ResiliencyFileName = "resiliency.yaml";

    private readonly string root = Directory.CreateTempSubdirectory("datamesh-pubsub-").FullName;

    public PubSubResources()
    {
        Path = System.IO.Path.Combine(root, "components");
        Directory.CreateDirectory(Path);
        WritePubSub(new Dictionary<string, string>());
    }

    /// <summary>The folder to pass as <c>--resources-path</c>.</summary>
    public string Path { get; }

    /// <summary>
    /// Writes the pub/sub component with more metadata (e.g. the Kafka component's <c>maxMessageBytes</c>), for the
    /// sidecars started after this call.
    /// </summary>
    public void WritePubSub(IReadOnlyDictionary<string, string> metadata)
    {
        var items = new StringBuilder();
        foreach (var (name, value) in new Dictionary<string, string> { ["brokers"] = "localhost:9092", ["authType"] = "none" }.Concat(metadata))
        {
            items.Append($"  - name: {name}\n    value: \"{value}\"\n");
        }

        WriteComponent($"{PubSubName}.yaml", $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {PubSubName}
            spec:
              type: pubsub.kafka
              version: v1
              metadata:

            """ + items);
    }

    /// <summary>
    /// Writes a daprd <c>Resiliency</c> giving the pub/sub's inbound direction (deliveries to the apps) a retry policy of
    /// daprd's fields (<c>policy</c>, <c>duration</c>, <c>maxInterval</c>, <c>maxRetries</c>), and optionally a timeout,
    /// for the sidecars started after this call. Without one, daprd dead-letters an event at its first failure.
    /// </summary>
    public void WriteInboundResiliency(IReadOnlyDictionary<string, string> retry, string? timeout = null)
    {
        var yaml = new StringBuilder();
        yaml.Append($"apiVersion: dapr.io/v1alpha1\nkind: Resiliency\nmetadata:\n  name: {PubSubName}-inbound\n");
        yaml.Append("spec:\n  policies:\n    retries:\n      inbound:\n");
        foreach (var (name, value) in retry)
        {
            yaml.Append($"        {name}: {value}\n");
        }

        if (timeout is not null)
        {
            yaml.Append($"    timeouts:\n      inbound: {timeout}\n");
        }

        yaml.Append($"  targets:\n    components:\n      {PubSubName}:\n        inbound:\n          retry: inbound\n");
        if (timeout is not null)
        {
            yaml.Append("          timeout: inbound\n");
        }

        WriteComponent(ResiliencyFileName, yaml.ToString());
    }

    /// <summary>Writes the inbound retry a mesh ships (e.g. <c>DataMeshBuilder.InboundRetry</c>) as daprd reads it, with no timeout.</summary>
    public void WriteInboundResiliency(DaprInboundRetry retry) => WriteInboundResiliency(new Dictionary<string, string>
    {
        ["policy"] = DaprInboundRetry.Policy,
        ["maxInterval"] = retry.MaxIntervalText,
        ["maxRetries"] = retry.MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>Writes another component file, e.g. a state store the stand-in should ignore.</summary>
    public void WriteComponent(string fileName, string yaml) => File.WriteAllText(System.IO.Path.Combine(Path, fileName), yaml);

    /// <summary>Whether a topic's log (the stand-in's file) holds the text, e.g. a CloudEvent id.</summary>
    public bool TopicHolds(string topic, string text)
    {
        var log = System.IO.Path.Combine(BrokerPath, topic, "log");
        if (!File.Exists(log))
        {
            return false;
        }

        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
    }

    /// <summary>How many times a topic's log holds the text: a CloudEvent id once per copy of the event.</summary>
    public int TopicOccurrences(string topic, string text)
    {
        var log = System.IO.Path.Combine(BrokerPath, topic, "log");
        if (!File.Exists(log))
        {
            return 0;
        }

        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var content = reader.ReadToEnd();
        var count = 0;
        for (var at = content.IndexOf(text, StringComparison.Ordinal); at >= 0; at = content.IndexOf(text, at + text.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The folder of the pub/sub's topic logs, which the stand-in creates at its first publish.</summary>
    public string BrokerPath => System.IO.Path.Combine(Path, ".standin-broker", PubSubName);

    public void Dispose() => Directory.Delete(root, recursive: true);
}
