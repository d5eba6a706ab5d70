using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.Contracts;
using Semver;

namespace DataMesh.DataProducts.Tests;

public sealed class ContractJsonSchemaTests : IDisposable
{
    private readonly DefinitionsFolder folder = new();
    private readonly DataContract contract;

    public ContractJsonSchemaTests() => contract = folder.Load().FindContract("hr.employees.events", SemVersion.Parse("1.0.0"))!;

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Derives_a_draft_2020_12_schema_with_types_required_enum_formats_and_no_extra_fields()
    {
        var schema = JsonSerializer.SerializeToNode(ContractJsonSchema.For(contract, "EmployeeTerminated"));

        var expected = JsonNode.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "title": "EmployeeTerminated",
              "description": "Someone left the company.",
              "type": "object",
              "properties": {
                "employeeId": { "description": "The employee this event is about.", "type": "string", "format": "uuid" },
                "reason": { "description": "Why they left.", "type": "string", "enum": ["resignation", "dismissal", "retirement", "endOfContract"] },
                "lastDay": { "description": "Last working day.", "type": "string", "format": "date" }
              },
              "required": ["employeeId", "reason", "lastDay"],
              "additionalProperties": false
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, schema), schema!.ToJsonString());
    }

    [Fact]
    public void Optional_fields_may_be_null_and_ranges_arrays_and_date_times_carry_over()
    {
        var hired = JsonSerializer.SerializeToNode(ContractJsonSchema.For(contract, "EmployeeHired"))!["properties"]!;
        var changed = JsonSerializer.SerializeToNode(ContractJsonSchema.For(contract, "EmployeeChanged"))!["properties"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "description": "The department they work in.", "type": ["null", "string"] }"""), hired["department"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "description": "Monthly gross salary.", "type": "number", "minimum": 0 }"""), hired["salary"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "description": "Work e-mail address.", "type": "string", "format": "email" }"""), hired["email"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "description": "Full name.", "type": "string", "maxLength": 200 }"""), hired["name"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "description": "What they are good at.", "type": ["null", "array"], "maxItems": 20, "items": { "type": "string" } }"""), hired["skills"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{ "description": "When the change took effect.", "type": "string", "format": "date-time" }"""), changed["changedAt"]));
    }

    [Fact]
    public void Asking_for_an_event_type_the_contract_lacks_names_the_ones_it_has()
    {
        var exception = Assert.Throws<KeyNotFoundException>(() => ContractJsonSchema.For(contract, "EmployeePromoted"));

        Assert.Equal("Contract hr.employees.events 1.0.0 has no schema object 'EmployeePromoted' (it has EmployeeHired, EmployeeChanged, EmployeeTerminated).", exception.Message);
    }
}
