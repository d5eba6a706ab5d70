using DataMesh.Contracts;

namespace DataMesh.DataProducts.Tests;

/// <summary>Each test breaks the valid hr.employees contract in one way and expects exactly the reported problems.</summary>
public sealed class ContractValidationTests : IDisposable
{
    private const string Contract = DefinitionsFolder.EmployeesContract;
    private readonly DefinitionsFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(
        "format: email\n        required: true\n        classification: confidential",
        "format: email\n        required: true\n        classification: secret",
        "hr/employees.odcs.yaml:48:9: schema[0].properties[2].classification: 'secret' is not one of public, internal, confidential, restricted")]
    [InlineData(
        "format: email\n        required: true\n        classification: confidential",
        "format: email\n        required: true\n        classification: internal",
        "hr/employees.odcs.yaml:48:9: schema[0].properties[2].classification: is internal but the field is personal data (pii: true); personal data is confidential or restricted")]
    [InlineData(
        "        logicalType: date\n        required: true\n        classification: restricted\n",
        "        logicalType: date\n        required: true\n",
        "hr/employees.odcs.yaml:53:9: schema[0].properties[3].classification: is required: public, internal, confidential or restricted")]
    [InlineData(
        "      - name: birthDate\n        description: Date of birth.\n        logicalType: date\n",
        "      - name: birthDate\n        description: Date of birth.\n",
        "hr/employees.odcs.yaml:53:9: schema[0].properties[3].logicalType: is required")]
    [InlineData(
        "        primaryKey: true\n        classification: internal\n      - name: name",
        "        primarykey: true\n        classification: internal\n      - name: name",
        "hr/employees.odcs.yaml:30:9: schema[0].properties[0].primarykey: unknown field; expected one of id, name, physicalType, description, businessName, authoritativeDefinitions, tags, customProperties, primaryKey, primaryKeyPosition, logicalType, logicalTypeOptions, physicalName, required, unique, partitioned, partitionKeyPosition, classification, encryptedName, transformSourceObjects, transformLogic, transformDescription, examples, criticalDataElement, relationships, quality, properties, items")]
    [InlineData(
        "          format: uuid\n        required: true\n        primaryKey: true\n        classification: internal\n      - name: name",
        "          format: uuid\n        required: false\n        primaryKey: true\n        classification: internal\n      - name: name",
        "hr/employees.odcs.yaml:30:9: schema[0].properties[0].primaryKey: a primary key must also be required: true")]
    [InlineData(
        "          - property: pii\n            value: true\n        examples",
        "          - property: PII\n            value: true\n        examples",
        "hr/employees.odcs.yaml:50:13: schema[0].properties[2].customProperties[0].property: 'PII' would not mark personal data; the custom property is 'pii', in lower case")]
    [InlineData(
        "          - property: pii\n            value: true\n        examples",
        "          - property: pii\n            value: yes\n        examples",
        "hr/employees.odcs.yaml:51:13: schema[0].properties[2].customProperties[0].value: 'yes' is not true or false")]
    [InlineData("          maxLength: 200", "          maximum: 200",
        "hr/employees.odcs.yaml:36:11: schema[0].properties[1].logicalTypeOptions.maximum: unknown field; expected one of format, minLength, maxLength, pattern")]
    [InlineData("          format: email", "          format: e-mail",
        "hr/employees.odcs.yaml:46:11: schema[0].properties[2].logicalTypeOptions.format: 'e-mail' is not one of email, uuid, uri, hostname, ipv4, ipv6")]
    [InlineData("          maxItems: 20", "          maxItems: -1",
        "hr/employees.odcs.yaml:87:11: schema[0].properties[7].logicalTypeOptions.maxItems: '-1' is not a whole number of zero or more")]
    [InlineData("        items:\n          logicalType: string\n", "",
        "hr/employees.odcs.yaml:83:9: schema[0].properties[7].items: is required")]
    [InlineData("      - name: salary\n        description: Monthly gross salary.\n        logicalType: number\n        logicalTypeOptions:\n          minimum: 0\n        required: true",
        "      - name: salary\n        description: Monthly gross salary.\n        logicalType: boolean\n        logicalTypeOptions:\n          minimum: 0\n        required: true",
        "hr/employees.odcs.yaml:64:9: schema[0].properties[4].logicalTypeOptions: logicalType boolean takes no options")]
    [InlineData("      - name: department\n        description: The department they work in.\n        logicalType: string\n        required: false\n        classification: internal\n      - name: skills",
        "      - name: employeeId\n        description: The department they work in.\n        logicalType: string\n        required: false\n        classification: internal\n      - name: skills",
        "hr/employees.odcs.yaml:78:9: schema[0].properties[6].name: 'employeeId' is already used by schema[0].properties[0]")]
    [InlineData("    logicalType: object\n    description: Someone's position", "    logicalType: record\n    description: Someone's position",
        "hr/employees.odcs.yaml:111:5: schema[1].logicalType: 'record' is not one of object")]
    public void A_broken_schema_is_reported_at_its_line_with_its_field_path(string text, string replacement, string expected)
    {
        folder.Replace(Contract, text, replacement);

        Assert.Equal([expected], folder.Errors());
    }

    [Theory]
    [InlineData("            reason: retirement", "            reason: retired",
        "hr/employees.odcs.yaml:174:13: schema[2].customProperties[0].value[0].reason: 'retired' is not one of resignation, dismissal, retirement, endOfContract")]
    [InlineData("            lastDay: 2025-06-30\n", "",
        "hr/employees.odcs.yaml:173:13: schema[2].customProperties[0].value[0].lastDay: is required but missing")]
    [InlineData("            lastDay: 2025-06-30\n", "            lastDay: 2025-06-31\n",
        "hr/employees.odcs.yaml:175:13: schema[2].customProperties[0].value[0].lastDay: '2025-06-31' is not a valid date")]
    [InlineData("            lastDay: 2025-06-30\n", "            lastDay: 2025-06-30\n            note: left on good terms\n",
        "hr/employees.odcs.yaml:176:13: schema[2].customProperties[0].value[0].note: is not a field of the contract")]
    [InlineData("            salary: 5400.50", "            salary: '5400.50'",
        "hr/employees.odcs.yaml:103:13: schema[0].customProperties[0].value[0].salary: expected a number, found '5400.50'")]
    [InlineData("            skills: [analysis, mathematics]", "            skills: [analysis, 42]",
        "hr/employees.odcs.yaml:106:32: schema[0].customProperties[0].value[0].skills[1]: expected a string, found 42")]
    [InlineData("examples: [ada@example.com]", "examples: [ada-at-example.com]",
        "hr/employees.odcs.yaml:52:20: schema[0].properties[2].examples[0]: 'ada-at-example.com' is not a valid email")]
    public void An_example_that_breaks_the_contract_is_reported_at_the_offending_value(string text, string replacement, string expected)
    {
        folder.Replace(Contract, text, replacement);

        Assert.Equal([expected], folder.Errors());
    }

    [Theory]
    [InlineData("apiVersion: v3.1.0", "apiVersion: v2.2.0", "hr/employees.odcs.yaml:2:1: apiVersion: 'v2.2.0' is not one of v3.1.0, v3.0.0, v3.0.1, v3.0.2")]
    [InlineData("kind: DataContract", "kind: Contract", "hr/employees.odcs.yaml:3:1: kind: 'Contract' is not one of DataContract")]
    [InlineData("version: 1.0.0\nstatus", "version: v1.0\nstatus", "hr/employees.odcs.yaml:6:1: version: 'v1.0' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)")]
    [InlineData("  usage: Keep a local copy of the employees you need; never re-publish personal data.\n", "",
        "hr/employees.odcs.yaml:10:1: description.usage: is required: consumers learn from it what the data is for, how to use it and what it cannot do")]
    [InlineData("team:\n  name: people-platform\n", "team:\n  owner: people-platform\n",
        "hr/employees.odcs.yaml:15:3: team.owner: unknown field; expected one of id, name, description, members, tags, customProperties, authoritativeDefinitions")]
    [InlineData("tags: [hr]\n", "tags: [hr]\nprice: 0\n",
        "hr/employees.odcs.yaml:17:8: price: expected a mapping of fields, found '0'")]
    public void A_broken_header_is_reported_at_its_line(string text, string replacement, params string[] expected)
    {
        folder.Replace(Contract, text, replacement);

        Assert.Equal(expected, folder.Errors());
    }

    [Theory]
    [InlineData("  - property: freshness\n    value: 5\n    unit: s\n", "",
        "hr/employees.odcs.yaml:176:1: slaProperties: needs a 'freshness' entry (every contract states freshness, latency, retention)")]
    [InlineData("    value: 1\n    unit: s\n  - property: retention", "    value: 0\n    unit: s\n  - property: retention",
        "hr/employees.odcs.yaml:181:5: slaProperties[1].value: '0' is not a positive number")]
    [InlineData("    value: 1\n    unit: s\n  - property: retention", "    value: 1\n  - property: retention",
        "hr/employees.odcs.yaml:180:5: slaProperties[1].unit: is required for latency")]
    [InlineData("    value: 7\n    unit: y", "    value: 7\n    unit: fortnights",
        "hr/employees.odcs.yaml:185:5: slaProperties[2].unit: 'fortnights' is not a time unit (ms, s, min, h, d, w, y)")]
    [InlineData("  - property: availability\n    value: 99.5\n    unit: percent", "  - property: latency\n    value: 2\n    unit: s",
        "hr/employees.odcs.yaml:186:5: slaProperties[3].property: 'latency' is already used by slaProperties[1]")]
    public void A_missing_or_unusable_sla_is_reported(string text, string replacement, string expected)
    {
        folder.Replace(Contract, text, replacement);

        Assert.Equal([expected], folder.Errors());
    }

    [Theory]
    [InlineData("    host: kafka\n", "", "hr/employees.odcs.yaml:190:5: servers[0].host: is required")]
    [InlineData("    physicalName: hr.employees.v1\n    physicalType: topic\n    logicalType: object\n    description: Someone left", "    physicalName: hr.employees.v9\n    physicalType: topic\n    logicalType: object\n    description: Someone left",
        "hr/employees.odcs.yaml:142:5: schema[2].physicalName: 'hr.employees.v9' is another topic than EmployeeHired's 'hr.employees.v1'; a contract's event types share one topic")]
    [InlineData("    physicalType: topic\n    logicalType: object\n    description: Someone's", "    logicalType: object\n    description: Someone's",
        "hr/employees.odcs.yaml:108:5: schema[1].physicalType: is missing; an event type is published on a topic (physicalType: topic)")]
    [InlineData("    format: json\n", "    format: avro\n", "hr/employees.odcs.yaml:193:5: servers[0].format: 'avro' is not one of json (the events are JSON CloudEvents)")]
    [InlineData("  - server: employee-api\n    type: api\n    location: /api/hr/employees\n", "",
        "hr/employees.odcs.yaml:189:1: servers: needs a server of type api (the endpoint that answers queries)")]
    [InlineData("    type: api", "    type: https", "hr/employees.odcs.yaml:196:5: servers[1].type: 'https' is not one of kafka, api, athena, azure, bigquery, clickhouse, databricks, denodo, dremio, duckdb, glue, cloudsql, db2, hive, impala, informix, kinesis, local, mysql, oracle, postgresql, postgres, presto, pubsub, redshift, s3, sftp, snowflake, sqlserver, synapse, trino, vertica, zen, custom")]
    [InlineData("    location: /api/hr/employees", "    location: api/hr/employees",
        "hr/employees.odcs.yaml:197:5: servers[1].location: 'api/hr/employees' is neither a path starting with '/' nor an http(s) URL")]
    [InlineData("    type: api", "    type: kafka\n    host: kafka",
        "hr/employees.odcs.yaml:198:5: servers[1].location: unknown field; expected one of id, server, type, description, environment, roles, customProperties, host, format")]
    public void A_server_that_names_no_topic_or_endpoint_is_reported(string text, string replacement, params string[] expected)
    {
        folder.Replace(Contract, text, replacement);

        Assert.Equal(expected, folder.Errors());
    }

    [Fact]
    public void A_second_event_server_is_refused_since_a_contract_publishes_on_one_topic()
    {
        folder.Replace(Contract, "  - server: employee-api", "  - server: employee-events-copy\n    type: kafka\n    host: kafka\n  - server: employee-api");

        Assert.Equal(
            ["hr/employees.odcs.yaml:196:5: servers[1].type: a second kafka server; a contract is served through one kafka server (the first is employee-events)"],
            folder.Errors());
    }

    [Fact]
    public void A_pattern_that_is_not_a_regular_expression_is_reported()
    {
        folder.Replace(DefinitionsFolder.PayrollContract, "\"^[0-9]{4}-[0-9]{2}$\"", "\"^[0-9\"");

        Assert.Equal(
            ["finance/payroll.odcs.yaml:28:11: schema[0].properties[1].logicalTypeOptions.pattern: '^[0-9' is not a valid regular expression"],
            folder.Errors());
    }

    [Fact]
    public void Every_problem_of_every_file_is_listed_in_one_exception_in_file_and_line_order()
    {
        folder
            .Replace(Contract, "    value: 7\n    unit: y", "    value: 7\n    unit: fortnights")
            .Replace(DefinitionsFolder.PayrollContract, "status: draft", "status: live");

        Assert.Equal(
            [
                "finance/payroll.odcs.yaml:5:1: status: 'live' is not one of proposed, draft, active, deprecated, retired",
                "hr/employees.odcs.yaml:185:5: slaProperties[2].unit: 'fortnights' is not a time unit (ms, s, min, h, d, w, y)",
            ],
            folder.Errors());
    }

    [Fact]
    public void A_governance_finding_names_its_rule_and_a_problem_of_validity_names_none()
    {
        folder
            .Replace(Contract, "    value: 7\n    unit: y", "    value: 7\n    unit: fortnights")
            .Replace(DefinitionsFolder.PayrollContract, "kind: DataContract", "kind: Contract");

        var exception = Assert.Throws<DataProductDefinitionException>(folder.Load);

        Assert.Equal([null, MeshGovernance.Promises], exception.Errors.Select(e => e.Rule));
    }

    [Fact]
    public void Governance_runs_on_a_valid_document_only_so_a_broken_one_reports_what_the_standard_refuses()
    {
        folder
            .Replace(Contract, "    value: 7\n    unit: y", "    value: 7\n    unit: fortnights")
            .Replace(Contract, "kind: DataContract", "kind: Contract");

        Assert.Equal(["hr/employees.odcs.yaml:3:1: kind: 'Contract' is not one of DataContract"], folder.Errors());
    }

    [Fact]
    public void Yaml_the_parser_gives_up_on_is_reported_where_it_stopped()
    {
        folder.Replace(Contract, "tags: [hr]", "tags: [hr");

        Assert.Equal(["hr/employees.odcs.yaml:16:7: not valid YAML: cannot be read past this point (an unclosed '[', '{' or quote?)"], folder.Errors());
    }

    [Fact]
    public void A_duplicate_yaml_key_is_reported_rather_than_one_value_silently_winning()
    {
        folder.Replace(Contract, "status: active\n", "status: active\nstatus: retired\n");

        Assert.Equal(["hr/employees.odcs.yaml:8:1: not valid YAML: Duplicate key status"], folder.Errors());
    }

    [Fact]
    public void An_empty_file_is_reported()
    {
        folder.Write("hr/empty.odcs.yaml", "");

        Assert.Equal(["hr/empty.odcs.yaml:1:1: expected one YAML document, found 0"], folder.Errors());
    }
}
