namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A Kafka broker that runs elsewhere, known only by its bootstrap servers. Without a lifetime: the AppHost does not
/// start it, and nothing waits for it (Aspire skips waits on such resources), because a broker that is down must not
/// hold back services that can run without it, such as those beside the daprd stand-in.
/// </summary>
public sealed class ExternalKafkaResource(string name, string bootstrapServers) : Resource(name), IResourceWithConnectionString, IResourceWithoutLifetime
{
    /// <summary>Kafka clients take <c>host:port</c> bootstrap servers, nothing more.</summary>
    public string BootstrapServers { get; } = bootstrapServers;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{BootstrapServers}");
}
