using System.Text.Json;
using System.Text.Json.Nodes;
using DataMesh.Contracts;
using Semver;

namespace DataMesh.DataProducts.Tests;

public sealed class ContractEventValidatorTests : IDisposable
{
    private const string Hired = """
        {
          "employeeId": "3f1c2a4e-8d7b-4c1e-9a52-6b0d4e7f1a23",
          "name": "Ada Lovelace",
          "email": "ada@example.com",
          "birthDate": "1815-12-10",
          "salary": 5400.5,
          "currency": "EUR",
          "department": null,
          "skills": ["analysis"],
          "hiredOn": "2024-03-01"
        }
        """;

    private readonly DefinitionsFolder folder = new();
    private readonly DataContract contract;

    public ContractEventValidatorTests() => contract = folder.Load().FindContract("hr.employees.events", SemVersion.Parse("1.0.0"))!;

    public void Dispose() => folder.Dispose();

    [Fact]
    public void An_event_that_keeps_the_contract_has_no_violations()
    {
        var validator = new ContractEventValidator(contract, "EmployeeHired");

        Assert.Empty(validator.Validate(JsonDocument.Parse(Hired).RootElement));
        Assert.Empty(validator.Validate(JsonNode.Parse(Hired)));
    }

    [Fact]
    public void Reading_ignores_a_field_the_contract_does_not_name_and_keeps_every_rule_of_the_fields_it_does()
    {
        var reader = new ContractEventValidator(contract, "EmployeeHired", ContractEventMode.Reading);
        var newer = JsonNode.Parse(Hired)!.AsObject();
        newer["badgeColour"] = "green";

        Assert.Empty(reader.Validate(newer));
        Assert.Equal(["badgeColour"], reader.UnknownFields(JsonSerializer.SerializeToElement(newer)));
        Assert.Empty(reader.UnknownFields(JsonDocument.Parse(Hired).RootElement));
        Assert.Equal("badgeColour: is not a field of the contract", Assert.Single(new ContractEventValidator(contract, "EmployeeHired").Validate(newer)).ToString());

        newer["email"] = "ada-at-example.com";
        Assert.Equal("email: the value is not a valid email", Assert.Single(reader.Validate(newer)).ToString());
    }

    [Theory]
    [InlineData("email", null, "email", "/email", "is required but missing")]
    [InlineData("salary", "\"high\"", "salary", "/salary", "expected a number, found a string")]
    [InlineData("name", "null", "name", "/name", "expected a string, found null")]
    [InlineData("currency", "\"JPY\"", "currency", "/currency", "'JPY' is not one of EUR, USD, GBP")]
    [InlineData("ssn", "\"078-05-1120\"", "ssn", "/ssn", "is not a field of the contract")]
    [InlineData("birthDate", "\"1815-13-45\"", "birthDate", "/birthDate", "the value is not a valid date")]
    [InlineData("email", "\"ada-at-example.com\"", "email", "/email", "the value is not a valid email")]
    [InlineData("employeeId", "\"42\"", "employeeId", "/employeeId", "'42' is not a valid uuid")]
    [InlineData("skills", "[\"analysis\", 7]", "skills[1]", "/skills/1", "expected a string, found 7")]
    [InlineData("department", "12", "department", "/department", "expected a string or null, found 12")]
    public void A_violation_names_the_field_and_what_the_contract_expects(string field, string? json, string path, string pointer, string reason)
    {
        var @event = JsonNode.Parse(Hired)!.AsObject();
        @event.Remove(field);
        if (json is not null)
        {
            @event[field] = JsonNode.Parse(json);
        }

        var violations = new ContractEventValidator(contract, "EmployeeHired").Validate(@event);

        Assert.Equal([new EventViolation(path, pointer, reason)], violations);
    }

    [Fact]
    public void Range_and_length_violations_name_the_field()
    {
        var @event = JsonNode.Parse(Hired)!.AsObject();
        @event["salary"] = -1;
        @event["name"] = new string('a', 201);

        var violations = new ContractEventValidator(contract, "EmployeeHired").Validate(@event);

        Assert.Equal(["name", "salary"], violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void A_date_time_field_refuses_a_plain_date_and_several_violations_are_all_reported()
    {
        var @event = JsonNode.Parse("""{ "employeeId": "3f1c2a4e-8d7b-4c1e-9a52-6b0d4e7f1a23", "changedAt": "2025-01-01", "salary": "more" }""");

        var violations = new ContractEventValidator(contract, "EmployeeChanged").Validate(@event);

        Assert.Equal(
            ["changedAt: '2025-01-01' is not a valid date-time", "salary: expected a number or null, found a string"],
            violations.Select(v => v.ToString()).Order());
    }

    [Fact]
    public void An_event_that_is_not_an_object_is_refused_as_a_whole()
    {
        var violations = new ContractEventValidator(contract, "EmployeeTerminated").Validate(new JsonArray());

        Assert.Equal([new EventViolation("$", "", "expected an object, found an array")], violations);
    }

    [Theory]
    [InlineData("email", "\"ada-at-example.com\"", "ada-at-example.com", "is not a valid email")]
    [InlineData("birthDate", "\"1815-13-45\"", "1815-13-45", "is not a valid date")]
    [InlineData("name", "4711", "4711", "expected a string, found a number")]
    [InlineData("salary", "-1234.5", "-1234.5", "is less than the minimum 0")]
    [InlineData("salary", "\"lots\"", "lots", "expected a number, found a string")]
    public void A_reason_about_a_protected_field_names_the_field_and_the_rule_but_never_the_value(string field, string json, string value, string rule)
    {
        var @event = JsonNode.Parse(Hired)!.AsObject();
        @event[field] = JsonNode.Parse(json);

        var violation = Assert.Single(new ContractEventValidator(contract, "EmployeeHired").Validate(@event));

        Assert.Equal(field, violation.Field);
        Assert.Contains(rule, violation.Reason);
        Assert.DoesNotContain(value, violation.ToString());
    }

    [Fact]
    public void A_reason_about_a_public_field_quotes_the_value_that_breaks_it()
    {
        var @event = JsonNode.Parse(Hired)!.AsObject();
        @event["currency"] = "JPY";
        @event["skills"] = new JsonArray(Enumerable.Range(0, 21).Select(i => (JsonNode?)JsonValue.Create($"skill{i}")).ToArray());

        var violations = new ContractEventValidator(contract, "EmployeeHired").Validate(@event);

        Assert.Equal(["currency: 'JPY' is not one of EUR, USD, GBP", "skills: has more than 20 items"], violations.Select(v => v.ToString()).Order());
    }
}
