using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts.Quality;

/// <summary>
/// Reads the ODCS v3.1.0 <c>quality</c> list of a schema object or property, refusing, at the offending field, what
/// the standard's schema refuses (an unknown field, an unknown metric or dimension, a <c>sql</c> rule without a
/// query, no operator or two of them) and what the platform could never run (a metric at the wrong level, an
/// argument the metric does not take, a cron expression that does not parse).
/// </summary>
internal static partial class QualityRuleReader
{
    public const string Field = "quality";

    private static readonly string[] CommonFields =
    [
        "id", "name", "description", "type", "dimension", "method", "severity", "businessImpact", "schedule", "scheduler",
        "unit", "tags", "customProperties", "authoritativeDefinitions",
    ];

    private static readonly string[] TypeFields = ["metric", "rule", "arguments", "query", "engine", "implementation"];

    private static readonly string[] AllFields = [.. CommonFields, .. TypeFields, .. QualityThreshold.Fields.Keys];

    private static readonly string[] Dimensions = ["accuracy", "completeness", "conformity", "consistency", "coverage", "timeliness", "uniqueness"];


    private static readonly string[] AuthoritativeDefinitionFields = ["id", "url", "type", "description"];

    /// <summary>The arguments each metric takes, at each level; a metric missing from a level cannot be written there.</summary>
    private static readonly IReadOnlyDictionary<(QualityMetric, QualityLevel), string[]> Arguments = new Dictionary<(QualityMetric, QualityLevel), string[]>
    {
        [(QualityMetric.RowCount, QualityLevel.Object)] = [],
        [(QualityMetric.DuplicateValues, QualityLevel.Object)] = ["properties"],
        [(QualityMetric.NullValues, QualityLevel.Property)] = [],
        [(QualityMetric.MissingValues, QualityLevel.Property)] = ["missingValues"],
        [(QualityMetric.InvalidValues, QualityLevel.Property)] = ["validValues", "pattern"],
        [(QualityMetric.DuplicateValues, QualityLevel.Property)] = [],
    };

    /// <summary>The rules of <paramref name="element"/>'s <c>quality</c> field (none when it has none); broken rules are reported and left out.</summary>
    public static IReadOnlyList<QualityRule> Read(YamlFields element, QualityLevel level)
    {
        var rules = element.Items(Field, required: false, (node, path) => ReadRule(node, path, element.Reader, level));
        var ids = new Dictionary<string, DefinitionSource>();
        foreach (var rule in rules.Where(r => r.Id is not null))
        {
            if (!ids.TryAdd(rule.Id!, rule.Source))
            {
                element.Reader.Errors.Add(rule.Source.Error("id", $"'{rule.Id}' is already used by {ids[rule.Id!].Path}; a rule's id is unique in its list"));
            }
        }

        return rules;
    }

    private static QualityRule? ReadRule(YamlNode node, string path, DefinitionReader reader, QualityLevel level)
    {
        var fields = reader.Mapping(node, path, AllFields);
        if (fields is null)
        {
            return null;
        }

        var id = fields.OptionalText("id");
        if (id is not null && !StableId().IsMatch(id))
        {
            fields.Error("id", $"'{id}' is not a stable id (letters, digits, '-' and '_')");
        }

        // ODCS: the type may be left out when a metric is named; library is the default.
        var type = fields.Choice<QualityRuleType>("type", required: false) ?? QualityRuleType.Library;
        var metric = type == QualityRuleType.Library ? ReadMetric(fields, level) : null;
        var arguments = metric is null ? QualityArguments.None : ReadArguments(fields, metric.Value, level);
        var query = type == QualityRuleType.Sql ? fields.Text("query") : null;
        string? engine = null, implementation = null;
        if (type == QualityRuleType.Custom)
        {
            engine = fields.Text("engine");
            implementation = ReadImplementation(fields, reader);
        }

        foreach (var other in TypeFields.Where(f => !BelongsTo(f, type)))
        {
            fields.Forbid(other, $"a {Name(type)} rule has no {other}");
        }

        var threshold = ReadThreshold(fields, type);
        if (metric == QualityMetric.RowCount && fields.OptionalText("unit") == QualityRule.PercentUnit)
        {
            fields.Error("unit", "rowCount counts rows; it has no percentage");
        }

        var dimension = fields.OneOf("dimension", Dimensions, required: false);
        var schedule = ReadSchedule(fields);
        var rule = new QualityRule(
            id,
            fields.OptionalText("name"),
            fields.OptionalText("description"),
            type,
            metric,
            arguments,
            query,
            threshold,
            fields.OptionalText("unit"),
            dimension,
            fields.OptionalText("method"),
            fields.OptionalText("severity"),
            fields.OptionalText("businessImpact"),
            schedule,
            engine,
            implementation,
            fields.Texts("tags"),
            CustomPropertyReader.Read(fields),
            fields.Source);
        ReadAuthoritativeDefinitions(fields, reader);
        return fields.HasErrors || rule.Type is QualityRuleType.Library or QualityRuleType.Sql && threshold is null ? null : rule;
    }

    private static bool BelongsTo(string field, QualityRuleType type) => field switch
    {
        "metric" or "rule" or "arguments" => type == QualityRuleType.Library,
        "query" => type == QualityRuleType.Sql,
        _ => type == QualityRuleType.Custom,
    };

    private static QualityMetric? ReadMetric(YamlFields fields, QualityLevel level)
    {
        // `rule` is the metric's deprecated name (ODCS before v3.1.0); either names it.
        var field = fields.Has("metric") || !fields.Has("rule") ? "metric" : "rule";
        if (fields.Has("metric") && fields.Has("rule"))
        {
            fields.Error("rule", "is the deprecated name of metric; write metric only");
        }

        var metric = fields.Choice<QualityMetric>(field, required: true);
        if (metric is not null && !Arguments.ContainsKey((metric.Value, level)))
        {
            var where = level == QualityLevel.Object ? "a schema object (it measures a column: put it on the property)" : "a property (it measures the object's rows: put it on the schema object)";
            fields.Error(field, $"{Name(metric.Value)} cannot be measured on {where}");
            return null;
        }

        return metric;
    }

    private static QualityArguments ReadArguments(YamlFields rule, QualityMetric metric, QualityLevel level)
    {
        var allowed = Arguments[(metric, level)];
        var needed = (metric, level) switch
        {
            (QualityMetric.InvalidValues, _) => "validValues or pattern",
            (QualityMetric.DuplicateValues, QualityLevel.Object) => "properties",
            _ => null,
        };
        if (allowed.Length == 0)
        {
            rule.Forbid("arguments", $"{Name(metric)} takes no arguments here");
            return QualityArguments.None;
        }

        var fields = rule.Mapping("arguments", allowed, required: needed is not null);
        if (fields is null)
        {
            return QualityArguments.None;
        }

        var pattern = fields.OptionalText("pattern");
        if (pattern is not null && !IsRegex(pattern))
        {
            fields.Error("pattern", $"'{pattern}' is not a valid regular expression");
        }

        var properties = fields.Has("properties") ? fields.Texts("properties") : null;
        if (properties is { Count: 0 })
        {
            fields.Error("properties", "needs at least one property");
        }

        var arguments = new QualityArguments(Values(fields, "validValues"), pattern, Values(fields, "missingValues"), properties);
        if (needed is not null && !fields.HasErrors && arguments is { ValidValues: null, Pattern: null, Properties: null })
        {
            fields.Error(needed.Split(' ')[0], $"is required: {Name(metric)} needs {needed}");
        }

        return arguments;
    }

    /// <summary>A list of scalars, kept as text; a YAML null entry stays null (missingValues: [null, '', 'N/A']).</summary>
    private static IReadOnlyList<string?>? Values(YamlFields fields, string name)
    {
        var node = fields.Node(name, required: false);
        if (node is null)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence || sequence.Children.Any(c => c is not YamlScalarNode))
        {
            fields.Error(name, $"expected a list of values, found {YamlFields.Describe(node)}");
            return null;
        }

        if (sequence.Children.Count == 0)
        {
            fields.Error(name, "needs at least one value");
        }

        return sequence.Children.Select(c => YamlFields.IsNull(c) ? null : ((YamlScalarNode)c).Value).ToList();
    }

    private static QualityThreshold? ReadThreshold(YamlFields fields, QualityRuleType type)
    {
        var named = QualityThreshold.Fields.Where(f => fields.Has(f.Key)).ToList();
        var measured = type is QualityRuleType.Library or QualityRuleType.Sql;
        if (!measured)
        {
            foreach (var (name, _) in named)
            {
                fields.Error(name, $"a {Name(type)} rule is not measured, so it has no operator");
            }

            return null;
        }

        // A rule with an unknown field most likely misspelt its operator: that field is the problem to report.
        if (named.Count == 0 && !fields.HasErrors)
        {
            fields.Reader.Errors.Add(new(fields.Source.Location, fields.Path, $"a {Name(type)} rule needs one operator ({string.Join(", ", QualityThreshold.Fields.Keys)})"));
            return null;
        }

        if (named.Count == 0)
        {
            return null;
        }

        foreach (var (name, _) in named.Skip(1))
        {
            fields.Error(name, $"a rule has one operator; {named[0].Key} is already given");
        }

        var (field, op) = named[0];
        if (op is QualityOperator.MustBeBetween or QualityOperator.MustNotBeBetween)
        {
            var bounds = fields.Node(field, required: true);
            if (bounds is not YamlSequenceNode { Children.Count: 2 } pair || pair.Children.Any(c => Number(c) is null))
            {
                fields.Error(field, "expected two numbers, the smaller first, e.g. [0, 100]");
                return null;
            }

            var (low, high) = (Number(pair.Children[0])!.Value, Number(pair.Children[1])!.Value);
            if (low >= high)
            {
                fields.Error(field, $"{low} is not below {high}; the smaller bound comes first");
                return null;
            }

            return new QualityThreshold(op, low, high);
        }

        var value = fields.Node(field, required: true);
        var number = value is null ? null : Number(value);
        if (number is null && op is QualityOperator.MustBe or QualityOperator.MustNotBe && value is YamlScalarNode { Value: "true" or "false" } flag)
        {
            // A SQL rule may answer true or false; compared as 1 or 0.
            number = flag.Value == "true" ? 1 : 0;
        }

        if (number is null)
        {
            fields.Error(field, $"expected a number, found {(value is null ? "nothing" : YamlFields.Describe(value))}");
            return null;
        }

        return new QualityThreshold(op, number.Value);
    }

    private static decimal? Number(YamlNode node) =>
        node is YamlScalarNode { Value: { } text } && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static QualitySchedule? ReadSchedule(YamlFields fields)
    {
        var expression = fields.OptionalText("schedule");
        var scheduler = fields.OptionalText("scheduler");
        if (expression is null)
        {
            return null;
        }

        scheduler ??= QualitySchedule.CronScheduler;
        if (scheduler != QualitySchedule.CronScheduler)
        {
            return new QualitySchedule(scheduler, expression, null);
        }

        try
        {
            return new QualitySchedule(scheduler, expression, CronExpression.Parse(expression, CronFormat.Standard));
        }
        catch (CronFormatException exception)
        {
            fields.Error("schedule", $"'{expression}' is not a cron expression of five fields (minute hour day-of-month month day-of-week): {exception.Message}");
            return null;
        }
    }

    private static string? ReadImplementation(YamlFields fields, DefinitionReader reader)
    {
        var node = fields.Node("implementation", required: true);
        return node switch
        {
            null => null,
            YamlScalarNode scalar => scalar.Value,
            YamlMappingNode => YamlJson.ToJson(node, reader)?.ToJsonString(),
            _ => Refuse(fields, "implementation", $"expected text or a mapping, found {YamlFields.Describe(node)}"),
        };
    }

    private static void ReadAuthoritativeDefinitions(YamlFields rule, DefinitionReader reader) =>
        rule.Items("authoritativeDefinitions", required: false, (node, path) =>
        {
            var fields = reader.Mapping(node, path, AuthoritativeDefinitionFields);
            fields?.Text("url");
            fields?.Text("type");
            return fields;
        });

    private static string? Refuse(YamlFields fields, string name, string reason)
    {
        fields.Error(name, reason);
        return null;
    }

    private static bool IsRegex(string pattern)
    {
        try
        {
            _ = new Regex(pattern);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => char.ToLowerInvariant(value.ToString()[0]) + value.ToString()[1..];

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex StableId();
}
