using System.Text.Json;
using System.Text.Json.Nodes;
using Dapr.Client;
using DataMesh.DataProducts.Publishing;
using DataMesh.Testing;
using DataMesh.Testing.EventFlow;

namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>A CloudEvent of hr.employees as a foreign publisher would send it: no contract check, a chosen id.</summary>
internal static class ForeignCloudEvent
{
    public static JsonObject Of(string id, string type, object data) => new()
    {
        ["specversion"] = "1.0",
        ["id"] = id,
        ["source"] = CloudEventAttributes.Source(DomainService.DataProduct),
        ["type"] = type,
        ["datacontenttype"] = "application/json",
        ["data"] = JsonSerializer.SerializeToNode(data, JsonSerializerOptions.Web),
    };

    /// <summary>Publishes <paramref name="envelope"/> on hr.employees' topic as it is, keyed by <paramref name="partitionKey"/>.</summary>
    public static Task PublishAsync(DaprClient dapr, JsonObject envelope, string partitionKey) =>
        dapr.PublishByteEventAsync(PubSubResources.PubSubName, DomainService.Topic, JsonSerializer.SerializeToUtf8Bytes(envelope), CloudEventAttributes.ContentType,
            new Dictionary<string, string> { [CloudEventAttributes.PartitionKeyMetadata] = partitionKey });
}
