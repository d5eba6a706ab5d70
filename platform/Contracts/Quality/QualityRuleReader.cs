using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts.Quality;

/// <summary>
/// Reads the ODCS v3.1.0 <c>quality</c> list of a schema object or property, refusing, at the offending field, only
/// what the standard's schema refuses (an unknown field, an unknown metric or dimension, a <c>sql</c> rule without a
/// query, no operator or two of them, bounds that are not two different numbers). What the schema accepts but the
/// platform could never run (a metric at the wrong level, an argument the metric does not take, bounds out of order,
/// a schedule that is not cron) is read as written and left to governance rule <see cref="MeshGovernance.QualityRules"/>
/// (<see cref="QualityRuleGovernance"/>).
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

    /// <summary>The rules of <paramref name="element"/>'s <c>quality</c> field (none when it has none); broken rules are reported and left out.</summary>
    /// <param name="v310">An ODCS v3.1.0 document: a library rule must name its <c>metric</c>.</param>
    public static IReadOnlyList<QualityRule> Read(YamlFields element, bool v310) =>
        element.Items(Field, required: false, (node, path) => ReadRule(node, path, element.Reader, v310));

    private static QualityRule? ReadRule(YamlNode node, string path, DefinitionReader reader, bool v310)
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
        // As the standard's schema has it, a rule naming a metric is a library rule too, whatever its type: its
        // metric, arguments and operator are valid ODCS (governance refuses a metric on a rule that is not a library rule).
        var library = type == QualityRuleType.Library || fields.Has("metric");
        var metric = library ? ReadMetric(fields, v310) : null;
        var (arguments, argumentsSource) = library ? ReadArguments(fields, reader) : (QualityArguments.None, null);
        var query = type == QualityRuleType.Sql ? fields.Text("query") : null;
        string? engine = null, implementation = null;
        if (type == QualityRuleType.Custom)
        {
            engine = fields.Text("engine");
            implementation = ReadImplementation(fields, reader);
        }

        foreach (var other in TypeFields.Where(f => !BelongsTo(f, type, library)))
        {
            fields.Forbid(other, $"a {Name(type)} rule has no {other}");
        }

        var threshold = ReadThreshold(fields, type, measured: library || type == QualityRuleType.Sql);
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
        return fields.HasErrors ? null : rule with { AsWritten = YamlJson.ToJson(node, reader) as System.Text.Json.Nodes.JsonObject, ArgumentsSource = argumentsSource };
    }

    private static bool BelongsTo(string field, QualityRuleType type, bool library) => field switch
    {
        "metric" or "rule" or "arguments" => library,
        "query" => type == QualityRuleType.Sql,
        _ => type == QualityRuleType.Custom,
    };

    private static QualityMetric? ReadMetric(YamlFields fields, bool v310)
    {
        // `rule` is the metric's name before v3.1.0. A v3.1.0 rule must name its metric (v3.1.0's schema requires it and
        // keeps `rule` only as a deprecated field beside it); a v3.0.x rule may name it either way. Both written is valid
        // ODCS, reported by governance.
        var field = v310 || fields.Has("metric") || !fields.Has("rule") ? "metric" : "rule";
        return fields.Choice<QualityMetric>(field, required: true);
    }

    /// <summary>
    /// The standard's <c>arguments</c> are any mapping; the ones the platform's metrics take are read when they are
    /// well formed, and every field is located so governance can point at an argument the metric does not take.
    /// </summary>
    private static (QualityArguments Arguments, DefinitionSource? Source) ReadArguments(YamlFields rule, DefinitionReader reader)
    {
        var node = rule.Node("arguments", required: false);
        if (node is null)
        {
            return (QualityArguments.None, null);
        }

        if (node is not YamlMappingNode mapping)
        {
            rule.Error("arguments", $"expected a mapping of fields, found {YamlFields.Describe(node)}");
            return (QualityArguments.None, null);
        }

        var names = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToList();
        var fields = new YamlFields(reader, mapping, rule.PathOf("arguments"), names);
        var pattern = fields.Raw("pattern") is YamlScalarNode { Value: { } text } && !YamlFields.IsNull(fields.Raw("pattern")!) ? text : null;
        var properties = fields.Raw("properties") is YamlSequenceNode list && list.Children.All(c => c is YamlScalarNode { Value: not null })
            ? list.Children.Select(c => ((YamlScalarNode)c).Value!).ToList()
            : null;
        return (new QualityArguments(Values(fields, "validValues"), pattern, Values(fields, "missingValues"), properties), fields.Source);
    }

    /// <summary>A list of scalars, kept as text; a YAML null entry stays null (missingValues: [null, '', 'N/A']); null when it is not such a list.</summary>
    private static IReadOnlyList<string?>? Values(YamlFields fields, string name) =>
        fields.Raw(name) is YamlSequenceNode sequence && sequence.Children.All(c => c is YamlScalarNode)
            ? sequence.Children.Select(c => YamlFields.IsNull(c) ? null : ((YamlScalarNode)c).Value).ToList()
            : null;

    private static QualityThreshold? ReadThreshold(YamlFields fields, QualityRuleType type, bool measured)
    {
        var named = QualityThreshold.Fields.Where(f => fields.Has(f.Key)).ToList();
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
            if (low == high)
            {
                fields.Error(field, $"the two bounds are both {low}; they differ");
                return null;
            }

            // Bounds out of order are valid ODCS ("smallest number first" is prose); kept as written for governance to report.
            return new QualityThreshold(op, low, high);
        }

        var value = fields.Node(field, required: true);
        var number = value is null ? null : Number(value);
        if (number is null && op is QualityOperator.MustBe or QualityOperator.MustNotBe && value is YamlScalarNode { Value: "true" or "false" } flag)
        {
            // A SQL rule may answer true or false; compared as 1 or 0.
            number = flag.Value == "true" ? 1 : 0;
        }

        if (number is null && op is QualityOperator.MustBe or QualityOperator.MustNotBe && value is not null)
        {
            // The standard's mustBe and mustNotBe take any value; one the platform cannot compare is governance's to report.
            return null;
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

        // A cron schedule that does not parse is valid ODCS (the schedule is any text): kept, not run, and reported by governance.
        return new QualitySchedule(scheduler, expression, QualitySchedule.TryParseCron(expression, out var cron, out _) ? cron : null);
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

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => char.ToLowerInvariant(value.ToString()[0]) + value.ToString()[1..];

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex StableId();
}
