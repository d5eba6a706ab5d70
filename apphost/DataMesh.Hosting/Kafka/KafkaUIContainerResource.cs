namespace Aspire.Hosting.ApplicationModel;

/// <summary>A Kafka UI container that browses the brokers of the AppHost.</summary>
public sealed class KafkaUIContainerResource(string name) : ContainerResource(name);
