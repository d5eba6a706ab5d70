namespace DaprSidecarStandIn.Tests;

/// <summary>A temporary daprd resources path holding a <c>pubsub.kafka</c> component, as the AppHost writes it.</summary>
public sealed class ResourcesDirectory : IDisposable
{
    public const string PubSubName = "pubsub";

    public ResourcesDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "standin-tests", Guid.NewGuid().ToString("N"), "components");
        Directory.CreateDirectory(Path);
        File.WriteAllText(System.IO.Path.Combine(Path, $"{PubSubName}.yaml"), $"""
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
              - name: authType
                value: none
            """);
        File.WriteAllText(System.IO.Path.Combine(Path, "statestore.yml"), """
            apiVersion: dapr.io/v1alpha1
            kind: Component
            metadata:
              name: statestore
            spec:
              type: state.in-memory
              version: v1
            """);
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
}
