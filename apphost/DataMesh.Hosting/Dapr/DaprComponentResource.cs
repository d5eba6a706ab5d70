namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Dapr component (a pub/sub, a state store...) that sidecars load. In run mode it becomes a
/// component YAML file in the sidecars' resources path; in the manifest, a <c>dapr.component.v0</c> entry.
/// </summary>
public sealed class DaprComponentResource(string name, string type, string version = "v1") : Resource(name)
{
    /// <summary>The component type, for example <c>pubsub.kafka</c>.</summary>
    public string Type { get; } = type;

    public string Version { get; } = version;

    /// <summary>The building block, the part of the type before the first dot (<c>pubsub</c>).</summary>
    public string BuildingBlock => Type.Split('.')[0];

    /// <summary>
    /// Metadata entries in the order they were added, then the topic scopes (<see cref="DaprTopicScopes"/>) as they stand
    /// once the model is built; values are resolved when a sidecar starts.
    /// </summary>
    public IReadOnlyList<DaprComponentMetadata> Metadata =>
        [.. Annotations.OfType<DaprComponentMetadata>(), .. Annotations.OfType<DaprTopicScopes>().SelectMany(scopes => scopes.Metadata())];
}

/// <summary>One <c>spec.metadata</c> entry of a component; its value may refer to another resource.</summary>
public sealed record DaprComponentMetadata(string Name, ReferenceExpression Value) : IResourceAnnotation;
