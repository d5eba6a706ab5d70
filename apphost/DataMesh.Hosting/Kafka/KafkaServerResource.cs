namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A single-node Kafka broker (KRaft) in a container. Shaped like Aspire.Hosting.Kafka's resource,
/// which is not served here, so that the upstream package can replace it without touching the AppHost.
/// </summary>
public sealed class KafkaServerResource(string name) : ContainerResource(name), IResourceWithConnectionString
{
    /// <summary>The listener that the host (and host processes such as daprd) reach.</summary>
    public const string PrimaryEndpointName = "tcp";

    /// <summary>The listener that other containers on the Aspire network reach.</summary>
    public const string InternalEndpointName = "internal";

    private EndpointReference? _primaryEndpoint;
    private EndpointReference? _internalEndpoint;

    public EndpointReference PrimaryEndpoint => _primaryEndpoint ??= new(this, PrimaryEndpointName);

    public EndpointReference InternalEndpoint => _internalEndpoint ??= new(this, InternalEndpointName);

    /// <summary>Kafka clients take <c>host:port</c> bootstrap servers, nothing more.</summary>
    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)}");
}
