using System.Text.Json.Nodes;

namespace DataMesh.Contracts.Quality;

/// <summary>
/// Governance rule <see cref="MeshGovernance.QualityRules"/>: what ODCS accepts in a <c>quality</c> list but the
/// platform could not run as written. A metric measured where it cannot be (rowCount on a column), an argument the
/// metric does not take or a needed one missing, bounds out of order, an operator value that is not a number, a
/// <c>cron</c> schedule that does not parse, two rules with one id.
/// </summary>
internal static class QualityRuleGovernance
{
    /// <summary>The arguments each metric takes, at each level; a metric missing from a level cannot be measured there.</summary>
    private static readonly IReadOnlyDictionary<(QualityMetric, QualityLevel), string[]> Arguments = new Dictionary<(QualityMetric, QualityLevel), string[]>
    {
        [(QualityMetric.RowCount, QualityLevel.Object)] = [],
        [(QualityMetric.DuplicateValues, QualityLevel.Object)] = ["properties"],
        [(QualityMetric.NullValues, QualityLevel.Property)] = [],
        [(QualityMetric.MissingValues, QualityLevel.Property)] = ["missingValues"],
        [(QualityMetric.InvalidValues, QualityLevel.Property)] = ["validValues", "pattern"],
        [(QualityMetric.DuplicateValues, QualityLevel.Property)] = [],
    };

    public static void Check(List<ContractValidationError> findings, IReadOnlyList<QualityRule> rules, QualityLevel level)
    {
        void Add(DefinitionSource source, string field, string reason) => findings.Add(source.Error(field, reason) with { Rule = MeshGovernance.QualityRules });

        var ids = new Dictionary<string, DefinitionSource>();
        foreach (var rule in rules)
        {
            if (rule.Id is { } id && !ids.TryAdd(id, rule.Source))
            {
                Add(rule.Source, "id", $"'{id}' is already used by {ids[id].Path}; a rule's id is unique in its list");
            }

            if (rule.Type == QualityRuleType.Library)
            {
                CheckMetric(rule, level, Add);
            }
            else if (rule.Metric is not null)
            {
                // Valid ODCS (a rule naming a metric is also a library rule), but which would the platform run?
                Add(rule.Source, "metric", $"a {rule.Type.ToString().ToLowerInvariant()} rule has no metric; write a library rule for the metric and a {rule.Type.ToString().ToLowerInvariant()} rule for the rest");
            }

            if (rule.Threshold is null && QualityThreshold.Fields.Keys.Any(rule.Source.Has))
            {
                // The reader keeps a mustBe or mustNotBe of any value (ODCS allows it); the platform compares numbers.
                var written = QualityThreshold.Fields.Keys.First(k => rule.Source.Has(k));
                Add(rule.Source, written, $"expected a number (or true/false), found {rule.AsWritten?[written]?.ToJsonString() ?? "null"}; the platform compares the measured number with it");
            }
            else if (rule.Threshold is { Upper: { } upper } bounds && bounds.Value > upper)
            {
                var written = QualityThreshold.Fields.First(f => f.Value == bounds.Operator).Key;
                Add(rule.Source, written, $"{bounds.Value} is not below {upper}; the smaller bound comes first");
            }

            if (rule.Schedule is { Scheduler: QualitySchedule.CronScheduler, Cron: null } schedule
                && !QualitySchedule.TryParseCron(schedule.Expression, out _, out var reason))
            {
                Add(rule.Source, "schedule", $"'{schedule.Expression}' is not a cron expression of five fields (minute hour day-of-month month day-of-week): {reason}");
            }
        }
    }

    private static void CheckMetric(QualityRule rule, QualityLevel level, Action<DefinitionSource, string, string> add)
    {
        if (rule.Source.Has("metric") && rule.Source.Has("rule"))
        {
            add(rule.Source, "rule", "is the deprecated name of metric; write metric only");
        }

        var metricField = rule.Source.Has("metric") ? "metric" : "rule";
        if (rule.Metric is not { } metric)
        {
            return;
        }

        if (!Arguments.TryGetValue((metric, level), out var allowed))
        {
            var where = level == QualityLevel.Object
                ? "a schema object (it measures a column: put it on the property)"
                : "a property (it measures the object's rows: put it on the schema object)";
            add(rule.Source, metricField, $"{Name(metric)} cannot be measured on {where}");
            return;
        }

        if (metric == QualityMetric.RowCount && rule.InPercent)
        {
            add(rule.Source, "unit", "rowCount counts rows; it has no percentage");
        }

        var needed = (metric, level) switch
        {
            (QualityMetric.InvalidValues, _) => "validValues or pattern",
            (QualityMetric.DuplicateValues, QualityLevel.Object) => "properties",
            _ => null,
        };
        var arguments = rule.AsWritten?["arguments"] as JsonObject;
        if (arguments is null || rule.ArgumentsSource is not { } source)
        {
            if (needed is not null)
            {
                add(rule.Source, "arguments", $"is required: {Name(metric)} needs {needed}");
            }

            return;
        }

        foreach (var (name, _) in arguments.Where(a => !allowed.Contains(a.Key)))
        {
            add(source, name, allowed.Length == 0
                ? $"{Name(metric)} takes no arguments here"
                : $"{Name(metric)} takes no argument {name}; it takes {string.Join(", ", allowed)}");
        }

        foreach (var (name, value) in arguments.Where(a => allowed.Contains(a.Key)))
        {
            if (ProblemWith(name, value) is { } problem)
            {
                add(source, name, problem);
            }
        }

        if (needed is not null && !arguments.Any(a => allowed.Contains(a.Key)))
        {
            add(rule.Source, "arguments", $"needs {needed}: {Name(metric)} measures nothing without");
        }
    }

    /// <summary>What is wrong with one argument's value, or null: lists of at least one value, a pattern that compiles.</summary>
    private static string? ProblemWith(string name, JsonNode? value) => name switch
    {
        "pattern" when value is not JsonValue pattern || !pattern.TryGetValue<string>(out _) => $"expected a regular expression, found {Describe(value)}",
        "pattern" when !MeshGovernance.IsRegex(value!.GetValue<string>()) => $"'{value!.GetValue<string>()}' is not a valid regular expression",
        "properties" when value is not JsonArray properties || properties.Any(p => p is not JsonValue v || !v.TryGetValue<string>(out _)) => $"expected a list of property names, found {Describe(value)}",
        "validValues" or "missingValues" when value is not JsonArray values || values.Any(v => v is JsonObject or JsonArray) => $"expected a list of values, found {Describe(value)}",
        _ when value is JsonArray { Count: 0 } => "needs at least one value",
        _ => null,
    };

    private static string Describe(JsonNode? value) => value switch
    {
        null => "nothing",
        JsonArray => "a list",
        JsonObject => "a mapping",
        _ => value.ToJsonString(),
    };

    private static string Name(QualityMetric metric) => char.ToLowerInvariant(metric.ToString()[0]) + metric.ToString()[1..];
}
