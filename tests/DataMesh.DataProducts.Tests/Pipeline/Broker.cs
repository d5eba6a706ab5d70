using System.Text;

namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>
/// A temporary daprd resources path with a <c>pubsub.kafka</c> component, shared by every sidecar of a test
/// so that they share the stand-in's topic files, as the AppHost's sidecars do.
/// </summary>
internal sealed class Broker : IDisposable
{
    public const string PubSubName = "pubsub";

    private readonly string root = Directory.CreateTempSubdirectory("datamesh-dataproducts-broker-").FullName;

    public Broker()
    {
        ResourcesPath = Path.Combine(root, "components");
        Directory.CreateDirectory(ResourcesPath);
        File.WriteAllText(Path.Combine(ResourcesPath, $"{PubSubName}.yaml"), $"""
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: {PubSubName}
            spec:
              type: pubsub.kafka
              version: v1
              metadata:
              - name: brokers
                value: localhost:9092
            """);
    }

    public string ResourcesPath { get; }

    /// <summary>Whether a topic's log (the stand-in's file) holds the text, e.g. a CloudEvent id.</summary>
    public bool TopicHolds(string topic, string text)
    {
        var log = Path.Combine(ResourcesPath, ".standin-broker", PubSubName, topic, "log");
        return File.Exists(log) && Encoding.UTF8.GetString(ReadShared(log)).Contains(text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
