using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DataMesh.Contracts.Export;

/// <summary>
/// An AsyncAPI 3.0 document of contracts' events: each Kafka server of a contract is a server and a channel (its topic
/// the channel's address), each schema object a message on that channel (payload: the object's JSON Schema, with the
/// contract's examples), and a <c>send</c> operation per channel, since the contract is the producer's promise. Query
/// servers (<c>type: api</c>) are not messaging and are left out. Several contracts (a domain's output ports) make one
/// document; their messages are then named <c>{contract id}.{object}</c> so that equal object names do not collide.
/// </summary>
public sealed partial class AsyncApiExporter : IContractExporter
{
    private const string ContentType = "application/json";

    public string Format => "asyncapi";

    public string Summary => "an AsyncAPI 3.0 document: the contract's topics (channels), messages (one per schema object) and Kafka servers";

    public bool TakesSeveralContracts => true;

    public string? NothingToExport(DataContract contract) =>
        contract.EventTypes.Count > 0 && contract.Servers.Any(s => s.Type == ContractServerType.Kafka)
            ? null
            : "no events to describe: AsyncAPI describes topics, and this contract has no event type published through a kafka server (its tables and views: export sql)";

    public string Export(IReadOnlyList<DataContract> contracts)
    {
        if (contracts.Count == 0)
        {
            throw new ArgumentException("No contract to export.", nameof(contracts));
        }

        var several = contracts.Count > 1;
        var servers = new JsonObject();
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        foreach (var contract in contracts)
        {
            var messageKeys = new List<string>();
            foreach (var schemaObject in contract.EventTypes)
            {
                var key = Key(several ? $"{contract.Id}.{schemaObject.Name}" : schemaObject.Name);
                messageKeys.Add(key);
                messages[key] = Message(contract, schemaObject);
            }

            foreach (var server in contract.Servers.Where(s => s.Type == ContractServerType.Kafka))
            {
                var serverKey = Key(several ? $"{contract.Id}.{server.Server}" : server.Server);
                servers[serverKey] = Server(server);
                var channelKey = Key(server.Topic ?? contract.Id);
                channels[channelKey] = new JsonObject
                {
                    ["address"] = server.Topic ?? contract.Id,
                    ["title"] = contract.Name ?? contract.Id,
                    ["description"] = $"The events of contract {contract.Id} {contract.Version}. {server.Description}".Trim(),
                    ["servers"] = new JsonArray(Reference($"#/servers/{serverKey}")),
                    ["messages"] = new JsonObject(messageKeys.Select(k => KeyValuePair.Create(k, (JsonNode?)Reference($"#/components/messages/{k}")))),
                };
                operations[Key($"send.{channelKey}")] = new JsonObject
                {
                    ["action"] = "send",
                    ["title"] = $"Publish {contract.Name ?? contract.Id}",
                    ["summary"] = contract.Description.Usage,
                    ["channel"] = Reference($"#/channels/{channelKey}"),
                    ["messages"] = new JsonArray(messageKeys.Select(k => (JsonNode)Reference($"#/channels/{channelKey}/messages/{k}")).ToArray()),
                };
            }
        }

        var document = new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = Info(contracts),
            ["defaultContentType"] = ContentType,
            ["servers"] = servers,
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject { ["messages"] = messages },
        };
        return document.ToJsonString(JsonSchemaExporter.Indented) + "\n";
    }

    private static JsonObject Info(IReadOnlyList<DataContract> contracts)
    {
        if (contracts.Count == 1)
        {
            var contract = contracts[0];
            return new JsonObject
            {
                ["title"] = contract.Name ?? contract.Id,
                ["version"] = contract.Version.ToString(),
                ["description"] = $"{contract.Description.Purpose}\n\nUsage: {contract.Description.Usage}\n\nLimitations: {contract.Description.Limitations}",
            };
        }

        var domains = string.Join(", ", contracts.Select(c => c.Domain).Distinct());
        return new JsonObject
        {
            ["title"] = $"Output ports of {domains}",
            ["version"] = string.Join(", ", contracts.Select(c => $"{c.Id} {c.Version}")),
            ["description"] = string.Join("\n\n", contracts.Select(c => $"{c.Id}: {c.Description.Purpose}")),
        };
    }

    private static JsonObject Server(ContractServer server)
    {
        var json = new JsonObject { ["protocol"] = "kafka" };
        if (server.Host is { } host)
        {
            json["host"] = host;
        }
        else
        {
            // Dapr pub/sub owns the broker's address, so the contract names none: a variable says where it comes from.
            json["host"] = "{broker}";
            json["variables"] = new JsonObject
            {
                ["broker"] = new JsonObject
                {
                    ["description"] = "The Kafka bootstrap servers of the mesh's Dapr pub/sub component (the contract does not fix them).",
                    ["default"] = "kafka:9092",
                },
            };
        }

        if (server.Description is { } description)
        {
            json["description"] = description;
        }

        return json;
    }

    private static JsonObject Message(DataContract contract, SchemaObject schemaObject)
    {
        var message = new JsonObject
        {
            ["name"] = schemaObject.Name,
            ["title"] = schemaObject.BusinessName ?? schemaObject.Name,
            ["contentType"] = ContentType,
            ["payload"] = JsonSchemaExporter.ObjectSchema(contract, schemaObject.Name),
        };
        if (schemaObject.Description is { } description)
        {
            message["summary"] = description;
        }

        if (schemaObject.Examples.Count > 0)
        {
            message["examples"] = new JsonArray(schemaObject.Examples
                .Select((e, i) => (JsonNode)new JsonObject { ["name"] = $"example-{i + 1}", ["payload"] = e.Value?.DeepClone() })
                .ToArray());
        }

        return message;
    }

    private static JsonObject Reference(string pointer) => new() { ["$ref"] = pointer };

    /// <summary>AsyncAPI's keys for components, channels and operations take letters, digits, '.', '-' and '_' only.</summary>
    private static string Key(string name) => NotAKeyCharacter().Replace(name, "_");

    [GeneratedRegex(@"[^A-Za-z0-9.\-_]")]
    private static partial Regex NotAKeyCharacter();
}
