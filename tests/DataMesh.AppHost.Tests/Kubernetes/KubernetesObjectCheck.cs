using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataMesh.AppHost.Tests.Kubernetes;

/// <summary>
/// Whether a document is a valid object of its kind. Kubernetes' own kinds: read strictly into the KubernetesClient
/// model of that kind (an unknown field or a wrong type fails) and written back unchanged. Operators' kinds: every
/// field among those <see cref="OperatorFields"/> lists, of the listed type and value, and every required one present.
/// </summary>
internal static class KubernetesObjectCheck
{
    private static readonly IReadOnlyDictionary<string, Type> ModelKinds = typeof(V1Deployment).Assembly.GetTypes()
        .Select(type => (Type: type, Entity: type.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(candidate => candidate.Entity is not null)
        .GroupBy(candidate => $"{(string.IsNullOrEmpty(candidate.Entity!.Group) ? "" : candidate.Entity.Group + "/")}{candidate.Entity.ApiVersion}/{candidate.Entity.Kind}")
        .ToDictionary(group => group.Key, group => group.First().Type);

    public static IReadOnlyList<string> Problems(KubernetesDocument document)
    {
        var key = $"{document.ApiVersion}/{document.Kind}";
        if (ModelKinds.ContainsKey(key))
        {
            return ModelProblems(document);
        }

        if (OperatorFields.Kinds.TryGetValue(key, out var fields))
        {
            var problems = new List<string>();
            Walk(document.Root, "", fields, problems);
            return problems.Select(problem => $"{document}: {problem}").ToList();
        }

        return [$"{document}: {key} is neither a Kubernetes kind nor an operator kind the deployment may use"];
    }

    private static IReadOnlyList<string> ModelProblems(KubernetesDocument document)
    {
        var written = Write(document.Root);
        object model;
        try
        {
            model = KubernetesYaml.LoadAllFromString(written, strict: true).Single();
        }
        catch (Exception exception) when (exception is YamlException or InvalidOperationException)
        {
            return [$"{document}: not a valid {document.Kind}: {exception.Message} {exception.InnerException?.Message}"];
        }

        var differences = new List<string>();
        Compare(document.Root, DeploymentFolder.Parse(KubernetesYaml.Serialize(model)).Single(), "", differences);
        return differences.Select(difference => $"{document}: {difference} (the {model.GetType().Name} model reads it otherwise)").ToList();
    }

    private static void Compare(YamlNode expected, YamlNode actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (YamlMappingNode left, YamlMappingNode right):
                foreach (var (key, value) in left.Children)
                {
                    var childPath = Join(path, ((YamlScalarNode)key).Value!);
                    if (right.Children.TryGetValue(key, out var other))
                    {
                        Compare(value, other, childPath, differences);
                    }
                    else
                    {
                        differences.Add($"{childPath} is lost");
                    }
                }

                break;
            case (YamlSequenceNode left, YamlSequenceNode right) when left.Children.Count == right.Children.Count:
                for (var index = 0; index < left.Children.Count; index++)
                {
                    Compare(left.Children[index], right.Children[index], $"{path}[{index}]", differences);
                }

                break;
            case (YamlScalarNode left, YamlScalarNode right) when left.Value == right.Value:
                break;
            default:
                differences.Add($"{path} changes");
                break;
        }
    }

    private static void Walk(YamlNode node, string path, IReadOnlyDictionary<string, OperatorField> fields, List<string> problems)
    {
        var field = path.Length == 0 ? new OperatorField(FieldType.Object) : fields.GetValueOrDefault(path);
        if (field is null)
        {
            if (path.EndsWith("[]", StringComparison.Ordinal) && node is YamlMappingNode)
            {
                field = new OperatorField(FieldType.Object);
            }
            else
            {
                problems.Add($"{path} is not a field of this kind");
                return;
            }
        }

        if (TypeProblem(node, field) is { } typeProblem)
        {
            problems.Add($"{path}: {typeProblem}");
            return;
        }

        switch (node, field.Type)
        {
            case (YamlMappingNode mapping, FieldType.Object):
                var keys = mapping.Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToHashSet();
                foreach (var required in fields.Where(entry => entry.Value.Required && Parent(entry.Key) == path).Select(entry => entry.Key))
                {
                    if (!keys.Contains(required[(path.Length == 0 ? 0 : path.Length + 1)..]))
                    {
                        problems.Add($"{required} is required");
                    }
                }

                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value!;
                    if (path.Length == 0 && name is "apiVersion" or "kind")
                    {
                        continue;
                    }

                    // A key of the operator's choosing (a Resiliency's policy and target names) is listed as '*'.
                    var child = Join(path, name);
                    Walk(value, fields.ContainsKey(child) || !fields.ContainsKey(Join(path, AnyKey)) ? child : Join(path, AnyKey), fields, problems);
                }

                break;
            case (YamlSequenceNode sequence, FieldType.List):
                foreach (var item in sequence.Children)
                {
                    Walk(item, $"{path}[]", fields, problems);
                }

                break;
        }
    }

    /// <summary>The path segment that stands for any key of an object whose keys are names the deployment chooses.</summary>
    public const string AnyKey = "*";

    private static string? TypeProblem(YamlNode node, OperatorField field)
    {
        var scalar = node as YamlScalarNode;
        var plain = scalar?.Style is ScalarStyle.Plain or ScalarStyle.Any;
        var problem = field.Type switch
        {
            FieldType.Object when node is not YamlMappingNode => "must be an object",
            FieldType.Map when node is not YamlMappingNode mapping || mapping.Children.Values.Any(value => value is not YamlScalarNode) => "must be a map of plain values",
            FieldType.List when node is not YamlSequenceNode => "must be a list",
            FieldType.Integer when scalar is null || !plain || !long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "must be an integer",
            FieldType.Boolean when scalar is null || !plain || scalar.Value is not ("true" or "false") => "must be true or false",
            FieldType.String when scalar is null || (plain && IsOtherYamlType(scalar.Value!)) => $"must be a string (quote '{scalar?.Value}')",
            _ => null,
        };
        return problem ?? (scalar?.Value, field) switch
        {
            ({ } value, { Allowed: { } allowed }) when !allowed.Contains(value) => $"'{value}' is not one of {string.Join(", ", allowed)}",
            ({ } value, { Pattern: { } pattern }) when !Regex.IsMatch(value, pattern) => $"'{value}' does not match {pattern}",
            ({ } value, { Minimum: { } minimum }) when long.Parse(value, CultureInfo.InvariantCulture) < minimum => $"{value} is below the minimum {minimum}",
            _ => null,
        };
    }

    private static bool IsOtherYamlType(string value) =>
        value is "true" or "false" or "null" or "~" or "" || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The object a field belongs to: <c>spec.kafka.listeners[]</c> for <c>spec.kafka.listeners[].name</c>.</summary>
    private static string Parent(string path) => path.LastIndexOf('.') is var dot and >= 0 ? path[..dot] : "";

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Write(YamlNode root)
    {
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }
}
