using DataMesh.Contracts.Quality;

namespace DataMesh.DataProducts.Tests.Quality;

/// <summary>ODCS quality rules read from a contract: every field of a valid rule, and each broken rule reported at its field.</summary>
public sealed class QualityRuleReadingTests
{
    [Fact]
    public void Rules_of_every_kind_are_read_with_their_operator_arguments_and_schedule()
    {
        var contract = QualityContracts.Read(
            """
            - id: email_no_nulls
              name: No missing e-mail
              description: Every employee has an e-mail address.
              type: library
              metric: missingValues
              arguments:
                missingValues: [null, '', 'N/A']
              mustBeLessOrEqualTo: 1
              unit: percent
              dimension: completeness
              severity: error
              businessImpact: operational
              scheduler: cron
              schedule: 0 20 * * *
              customProperties:
                - property: owner
                  value: people-platform
            - metric: invalidValues
              arguments:
                pattern: '^[^@]+@[^@]+$'
              mustBe: 0
            - type: sql
              query: SELECT count(*) FROM {object} WHERE {property} NOT LIKE '%@%'
              mustBeBetween: [-1, 1]
              schedule: '*/5 * * * *'
            - type: text
              description: Addresses are checked by the mail system.
            - type: custom
              engine: soda
              implementation: 'duplicate_count(email) = 0'
            """,
            """
                  - metric: duplicateValues
                    arguments:
                      properties: [email, status]
                    mustBe: 0
                  - metric: rowCount
                    mustNotBeBetween: [0, 10]
            """);

        var table = contract.SchemaObject("employees");
        Assert.Equal(("employees", "table"), (table.PhysicalName, table.PhysicalType));
        var email = table.Properties[0];
        Assert.Equal("Email", email.PhysicalName);
        Assert.Equal(5, email.Quality.Count);

        var missing = email.Quality[0];
        Assert.Equal(("email_no_nulls", "No missing e-mail", "Every employee has an e-mail address."), (missing.Id, missing.Name, missing.Description));
        Assert.Equal((QualityRuleType.Library, QualityMetric.MissingValues), (missing.Type, missing.Metric));
        Assert.Equal([null, "", "N/A"], missing.Arguments.MissingValues!);
        Assert.Equal(new QualityThreshold(QualityOperator.MustBeLessOrEqualTo, 1), missing.Threshold);
        Assert.Equal(("percent", "completeness", "error", "operational"), (missing.Unit, missing.Dimension, missing.Severity, missing.BusinessImpact));
        Assert.Equal(("cron", "0 20 * * *"), (missing.Schedule!.Scheduler, missing.Schedule.Expression));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero), missing.Schedule.NextAfter(new DateTimeOffset(2026, 12, 6, 19, 0, 0, TimeSpan.Zero)));
        Assert.Equal("owner", Assert.Single(missing.CustomProperties).Property);
        Assert.Equal("email_no_nulls", missing.Key);

        var pattern = email.Quality[1];
        Assert.Equal((QualityRuleType.Library, QualityMetric.InvalidValues, "^[^@]+@[^@]+$"), (pattern.Type, pattern.Metric, pattern.Arguments.Pattern));
        Assert.Null(pattern.Schedule);
        Assert.Equal("schema[0].properties[0].quality[1]", pattern.Key);

        var sql = email.Quality[2];
        Assert.Equal((QualityRuleType.Sql, "SELECT count(*) FROM {object} WHERE {property} NOT LIKE '%@%'"), (sql.Type, sql.Query));
        Assert.Equal(new QualityThreshold(QualityOperator.MustBeBetween, -1, 1), sql.Threshold);
        Assert.Equal("cron", sql.Schedule!.Scheduler);

        Assert.Equal((QualityRuleType.Text, false), (email.Quality[3].Type, email.Quality[3].IsMeasurable));
        Assert.Equal((QualityRuleType.Custom, "soda", "duplicate_count(email) = 0"), (email.Quality[4].Type, email.Quality[4].Engine, email.Quality[4].Implementation));

        Assert.Equal(2, table.Quality.Count);
        Assert.Equal(["email", "status"], table.Quality[0].Arguments.Properties!);
        Assert.Equal(new QualityThreshold(QualityOperator.MustNotBeBetween, 0, 10), table.Quality[1].Threshold);
    }

    [Theory]
    [InlineData("- metric: emptyValues\n  mustBe: 0",
        "hr/employees.odcs.yaml:25:13: schema[0].properties[0].quality[0].metric: 'emptyValues' is not one of rowCount, nullValues, missingValues, invalidValues, duplicateValues")]
    [InlineData("- type: sql\n  mustBe: 0",
        "hr/employees.odcs.yaml:25:13: schema[0].properties[0].quality[0].query: is required")]
    [InlineData("- metric: nullValues\n  mustBe: 0\n  mustBeLessThan: 1",
        "hr/employees.odcs.yaml:27:13: schema[0].properties[0].quality[0].mustBeLessThan: a rule has one operator; mustBe is already given")]
    [InlineData("- metric: nullValues",
        "hr/employees.odcs.yaml:25:13: schema[0].properties[0].quality[0]: a library rule needs one operator (mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween)")]
    [InlineData("- metric: nullValues\n  mustbe: 0",
        "hr/employees.odcs.yaml:26:13: schema[0].properties[0].quality[0].mustbe: unknown field; expected one of id, name, description, type, dimension, method, severity, businessImpact, schedule, scheduler, unit, tags, customProperties, authoritativeDefinitions, metric, rule, arguments, query, engine, implementation, mustBe, mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo, mustBeBetween, mustNotBeBetween")]
    [InlineData("- type: text\n  description: Checked by hand.\n  mustBe: 0",
        "hr/employees.odcs.yaml:27:13: schema[0].properties[0].quality[0].mustBe: a text rule is not measured, so it has no operator")]
    [InlineData("- metric: nullValues\n  mustBe: 0\n  dimension: speed",
        "hr/employees.odcs.yaml:27:13: schema[0].properties[0].quality[0].dimension: 'speed' is not one of accuracy, completeness, conformity, consistency, coverage, timeliness, uniqueness")]
    [InlineData("- metric: nullValues\n  mustBeBetween: [1, 1]",
        "hr/employees.odcs.yaml:26:13: schema[0].properties[0].quality[0].mustBeBetween: the two bounds are both 1; they differ")]
    [InlineData("- metric: nullValues\n  arguments: 5\n  mustBe: 0",
        "hr/employees.odcs.yaml:26:13: schema[0].properties[0].quality[0].arguments: expected a mapping of fields, found '5'")]
    [InlineData("- type: sql\n  query: SELECT 1\n  arguments: {a: 1}\n  mustBe: 1",
        "hr/employees.odcs.yaml:27:13: schema[0].properties[0].quality[0].arguments: a sql rule has no arguments")]
    /// <summary>What the standard's schema refuses in a rule is refused while reading: the document is not valid ODCS.</summary>
    public void A_broken_rule_is_reported_at_its_field(string rules, string expected)
    {
        Assert.Equal([expected], QualityContracts.Errors(rules));
    }

    /// <summary>
    /// What the standard's schema accepts but the platform could not run as written is read (so it is written back
    /// as it was) and then reported by governance rule quality, at the field.
    /// </summary>
    [Theory]
    [InlineData("- metric: rowCount\n  mustBe: 0",
        "hr/employees.odcs.yaml:25:13: schema[0].properties[0].quality[0].metric: rowCount cannot be measured on a property (it measures the object's rows: put it on the schema object)")]
    [InlineData("- metric: invalidValues\n  mustBe: 0",
        "hr/employees.odcs.yaml:25:13: schema[0].properties[0].quality[0].arguments: is required: invalidValues needs validValues or pattern")]
    [InlineData("- metric: invalidValues\n  arguments:\n    validvalues: [a]\n  mustBe: 0",
        "hr/employees.odcs.yaml:27:15: schema[0].properties[0].quality[0].arguments.validvalues: invalidValues takes no argument validvalues; it takes validValues, pattern",
        "hr/employees.odcs.yaml:26:13: schema[0].properties[0].quality[0].arguments: needs validValues or pattern: invalidValues measures nothing without")]
    [InlineData("- metric: nullValues\n  arguments:\n    validValues: [a]\n  mustBe: 0",
        "hr/employees.odcs.yaml:27:15: schema[0].properties[0].quality[0].arguments.validValues: nullValues takes no arguments here")]
    [InlineData("- metric: invalidValues\n  arguments:\n    pattern: '[a-'\n  mustBe: 0",
        "hr/employees.odcs.yaml:27:15: schema[0].properties[0].quality[0].arguments.pattern: '[a-' is not a valid regular expression")]
    [InlineData("- metric: nullValues\n  mustBeBetween: [10, 1]",
        "hr/employees.odcs.yaml:26:13: schema[0].properties[0].quality[0].mustBeBetween: 10 is not below 1; the smaller bound comes first")]
    [InlineData("- metric: nullValues\n  mustBe: none",
        "hr/employees.odcs.yaml:26:13: schema[0].properties[0].quality[0].mustBe: expected a number (or true/false), found \"none\"; the platform compares the measured number with it")]
    [InlineData("- type: sql\n  query: SELECT 1\n  metric: nullValues\n  mustBe: 1",
        "hr/employees.odcs.yaml:27:13: schema[0].properties[0].quality[0].metric: a sql rule has no metric; write a library rule for the metric and a sql rule for the rest")]
    [InlineData("- metric: nullValues\n  rule: nullValues\n  mustBe: 0",
        "hr/employees.odcs.yaml:26:13: schema[0].properties[0].quality[0].rule: is the deprecated name of metric; write metric only")]
    [InlineData("- id: no-nulls\n  metric: nullValues\n  mustBe: 0\n- id: no-nulls\n  metric: duplicateValues\n  mustBe: 0",
        "hr/employees.odcs.yaml:28:13: schema[0].properties[0].quality[1].id: 'no-nulls' is already used by schema[0].properties[0].quality[0]; a rule's id is unique in its list")]
    public void A_valid_rule_the_platform_cannot_run_is_read_then_reported_by_governance(string rules, params string[] expected)
    {
        Assert.Equal(expected, QualityContracts.Findings(rules));
    }

    [Fact]
    public void A_schedule_that_is_not_a_cron_expression_is_kept_and_reported_by_governance_at_the_schedule()
    {
        var rule = QualityContracts.Read("- metric: nullValues\n  mustBe: 0\n  schedule: 0 25 * * *").SchemaObject("employees").Properties[0].Quality[0];
        Assert.Equal(("cron", "0 25 * * *"), (rule.Schedule!.Scheduler, rule.Schedule.Expression));
        Assert.Null(rule.Schedule.NextAfter(DateTimeOffset.UnixEpoch));

        var error = Assert.Single(QualityContracts.Findings("- metric: nullValues\n  mustBe: 0\n  schedule: 0 25 * * *"));

        Assert.StartsWith(
            "hr/employees.odcs.yaml:27:13: schema[0].properties[0].quality[0].schedule: '0 25 * * *' is not a cron expression of five fields (minute hour day-of-month month day-of-week)",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Another_schedulers_schedule_is_kept_but_not_run_by_the_platform()
    {
        var rule = QualityContracts.Read("- metric: nullValues\n  mustBe: 0\n  scheduler: airflow\n  schedule: '@daily'").SchemaObject("employees").Properties[0].Quality[0];

        Assert.Equal(("airflow", "@daily"), (rule.Schedule!.Scheduler, rule.Schedule.Expression));
        Assert.Null(rule.Schedule.NextAfter(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void A_schema_level_duplicate_rule_needs_its_properties_and_row_count_has_no_percentage()
    {
        Assert.Equal(
            [
                "hr/employees.odcs.yaml:35:9: schema[0].quality[0].arguments: is required: duplicateValues needs properties",
                "hr/employees.odcs.yaml:39:9: schema[0].quality[1].unit: rowCount counts rows; it has no percentage",
            ],
            QualityContracts.Findings("- metric: nullValues\n  mustBe: 0", "      - metric: duplicateValues\n        mustBe: 0\n      - metric: rowCount\n        mustBe: 0\n        unit: percent\n"));
    }
}
