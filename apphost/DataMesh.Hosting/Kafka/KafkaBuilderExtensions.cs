using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting;

/// <summary>
/// <c>AddKafka</c> and <c>WithKafkaUI</c>, with the same names, listeners and connection string as
/// Aspire.Hosting.Kafka (not served here), so that the AppHost reads the same with either.
/// </summary>
public static class KafkaBuilderExtensions
{
    private const int BrokerPort = 9092;
    private const int InternalBrokerPort = 9093;
    private const int KafkaUIPort = 8080;
    private const string DataTarget = "/var/lib/kafka/data";

    public static IResourceBuilder<KafkaServerResource> AddKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var kafka = new KafkaServerResource(name);

        string? bootstrapServers = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(kafka, async (_, cancellationToken) =>
            bootstrapServers = await kafka.ConnectionStringExpression.GetValueAsync(cancellationToken).ConfigureAwait(false));

        var healthCheckKey = KafkaBrokerHealthCheck.Register(builder, name, () => bootstrapServers);

        return builder.AddResource(kafka)
            .WithEndpoint(targetPort: BrokerPort, port: port, name: KafkaServerResource.PrimaryEndpointName)
            .WithEndpoint(targetPort: InternalBrokerPort, name: KafkaServerResource.InternalEndpointName)
            .WithImage(KafkaContainerImageTags.Image, KafkaContainerImageTags.Tag)
            .WithImageRegistry(KafkaContainerImageTags.Registry)
            .WithEnvironment(context => ConfigureListeners(context, kafka))
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// A broker the AppHost neither starts nor waits for, at the bootstrap servers <c>ConnectionStrings:{name}</c> names.
    /// Its health check shows on the dashboard whether that broker answers, and if not, why.
    /// </summary>
    public static IResourceBuilder<ExternalKafkaResource> AddExternalKafka(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);

        var bootstrapServers = builder.Configuration.GetConnectionString(name);
        if (string.IsNullOrWhiteSpace(bootstrapServers))
        {
            throw new DistributedApplicationException(
                $"ConnectionStrings:{name} is not set; it must name the Kafka bootstrap servers (host:port), for example --ConnectionStrings:{name}=localhost:9092.");
        }

        var kafka = new ExternalKafkaResource(name, bootstrapServers.Trim());
        var healthCheckKey = KafkaBrokerHealthCheck.Register(builder, name, () => kafka.BootstrapServers);
        return builder.AddResource(kafka)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Kafka",
                State = KnownResourceStates.NotStarted,
                Properties = [new("kafka.bootstrapServers", kafka.BootstrapServers)],
            })
            // Running is what starts Aspire's health monitoring; there is nothing else to start.
            .OnInitializeResource((resource, initialize, _) =>
                initialize.Notifications.PublishUpdateAsync(resource, snapshot => snapshot with { State = KnownResourceStates.Running }))
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>Keeps the broker's log in a named volume, so topics outlive the container.</summary>
    public static IResourceBuilder<KafkaServerResource> WithDataVolume(this IResourceBuilder<KafkaServerResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .WithEnvironment("KAFKA_LOG_DIRS", DataTarget)
            .WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataTarget);
    }

    public static IResourceBuilder<KafkaServerResource> WithKafkaUI(
        this IResourceBuilder<KafkaServerResource> builder,
        Action<IResourceBuilder<KafkaUIContainerResource>>? configureContainer = null,
        string? containerName = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var kafka = builder.Resource;
        var kafkaUi = builder.ApplicationBuilder.AddResource(new KafkaUIContainerResource(containerName ?? $"{kafka.Name}-ui"))
            .WithImage(KafkaContainerImageTags.KafkaUiImage, KafkaContainerImageTags.KafkaUiTag)
            .WithImageRegistry(KafkaContainerImageTags.Registry)
            .WithHttpEndpoint(targetPort: KafkaUIPort)
            .WithEnvironment(context =>
            {
                // Containers reach each other by resource name on the Aspire network, through the internal listener.
                var bootstrapServers = context.ExecutionContext.IsRunMode
                    ? ReferenceExpression.Create($"{kafka.Name}:{kafka.InternalEndpoint.Property(EndpointProperty.TargetPort)}")
                    : ReferenceExpression.Create($"{kafka.InternalEndpoint.Property(EndpointProperty.HostAndPort)}");
                context.EnvironmentVariables["KAFKA_CLUSTERS_0_NAME"] = kafka.Name;
                context.EnvironmentVariables["KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"] = bootstrapServers;
            })
            .WithParentRelationship(builder)
            .WaitFor(builder)
            .ExcludeFromManifest();

        configureContainer?.Invoke(kafkaUi);
        return builder;
    }

    /// <summary>
    /// The confluent-local image starts a KRaft broker with default listeners; we add one for the host
    /// and one for containers, and advertise each under the address its clients use.
    /// </summary>
    private static void ConfigureListeners(EnvironmentCallbackContext context, KafkaServerResource kafka)
    {
        context.EnvironmentVariables["KAFKA_LISTENERS"] =
            $"PLAINTEXT://localhost:29092,CONTROLLER://localhost:29093,PLAINTEXT_HOST://0.0.0.0:{BrokerPort},PLAINTEXT_INTERNAL://0.0.0.0:{InternalBrokerPort}";
        context.EnvironmentVariables["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"] =
            "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,PLAINTEXT_HOST:PLAINTEXT,PLAINTEXT_INTERNAL:PLAINTEXT";

        var primary = kafka.PrimaryEndpoint;
        var @internal = kafka.InternalEndpoint;
        context.EnvironmentVariables["KAFKA_ADVERTISED_LISTENERS"] = context.ExecutionContext.IsRunMode
            ? ReferenceExpression.Create($"PLAINTEXT://localhost:29092,PLAINTEXT_HOST://localhost:{primary.Property(EndpointProperty.Port)},PLAINTEXT_INTERNAL://{kafka.Name}:{@internal.Property(EndpointProperty.TargetPort)}")
            : ReferenceExpression.Create($"PLAINTEXT://{primary.Property(EndpointProperty.Host)}:29092,PLAINTEXT_HOST://{primary.Property(EndpointProperty.HostAndPort)},PLAINTEXT_INTERNAL://{@internal.Property(EndpointProperty.HostAndPort)}");
    }
}
