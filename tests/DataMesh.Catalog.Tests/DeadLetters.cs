using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.Catalog.Observations;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>Dead letters of finance.payroll (it consumes hr.employees), as the catalog's tests record them.</summary>
internal static class DeadLetters
{
    public const string Consumer = "finance.payroll";
    public const string Producer = "hr.employees";
    public const string Topic = "hr.employees.v1.finance.payroll.deadletter";
    public const string ReplayTopic = "hr.employees.v1.finance.payroll.replay";

    /// <summary>Records a dead letter as the catalog's streaming subscription to the dead-letter topic does (ObservationTests drive that stream itself).</summary>
    public static Task DeliverAsync(CatalogHost catalog, JsonObject cloudEvent) => catalog.WithServicesAsync(async services =>
    {
        using var document = JsonDocument.Parse(cloudEvent.ToJsonString());
        await services.GetRequiredService<EventObservations>().ObserveDeadLetterAsync(Producer, Consumer, Topic, document.RootElement, CancellationToken.None);
        return true;
    });

    /// <summary>An EmployeeHired the consumer refused, as daprd delivers it from the dead-letter topic.</summary>
    public static JsonObject Hired(string id) => new()
    {
        ["specversion"] = "1.0", ["id"] = id, ["source"] = "/dataproducts/hr.employees", ["type"] = "EmployeeHired", ["time"] = DateTimeOffset.UtcNow.ToString("O"),
        ["datacontenttype"] = "application/json", ["dataproduct"] = Producer, ["contractid"] = "hr.employees.events", ["contractversion"] = "1.0.0",
        // daprd dead-letters the event as it came: its topic attribute still names the producer's topic.
        ["topic"] = "hr.employees.v1", ["pubsubname"] = "pubsub",
        ["data"] = new JsonObject
        {
            ["employeeId"] = "3f1c2a4e-8d7b-4c1e-9a52-6b0d4e7f1a23", ["name"] = "Ada Lovelace", ["email"] = "ada@example.com", ["birthDate"] = "1815-12-10",
            ["salary"] = 5400.5, ["currency"] = "EUR", ["hiredOn"] = "2024-03-01",
        },
    };
}
