using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.DataProducts.Publishing;
using DataMesh.Testing;

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
}
