using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>
/// A property's closed set of values, written the way ODCS v3 writes one: a property-level <c>quality</c> rule
/// <c>{metric: invalidValues, arguments: {validValues: [...]}, mustBe: 0}</c>. ODCS has no <c>enum</c>; this rule
/// says "no value outside the list", which is what a consumer needs to know, so the event validator enforces
/// it when events are published and read, and <see cref="LogicalTypeOptions.Enum"/> carries it in the model.
/// Only this one reading of <c>quality</c> lives here; the rules themselves are read and run elsewhere.
/// </summary>
internal static class AllowedValues
{
    public const string Metric = "invalidValues";
    public const string Argument = "validValues";

    /// <summary>
    /// The values of the first <c>invalidValues</c> rule that tolerates no invalid value (<c>mustBe: 0</c>), or null.
    /// A rule with a tolerance (<c>mustBeLessThan: 5</c>) is a measure of quality, not a closed set, so it is not enforced.
    /// Only text values are taken, and only for <c>string</c> properties: the set is checked against the value as written.
    /// </summary>
    public static IReadOnlyList<string>? Read(YamlNode? quality, LogicalType logicalType)
    {
        if (logicalType != LogicalType.String || quality is not YamlSequenceNode rules)
        {
            return null;
        }

        foreach (var rule in rules.Children.OfType<YamlMappingNode>())
        {
            if (Scalar(rule, "metric") == Metric
                && Scalar(rule, "mustBe") == "0"
                && Child(rule, "arguments") is YamlMappingNode arguments
                && Child(arguments, Argument) is YamlSequenceNode values
                && values.Children.All(v => v is YamlScalarNode))
            {
                return values.Children.Select(v => ((YamlScalarNode)v).Value ?? "").ToList();
            }
        }

        return null;
    }

    private static YamlNode? Child(YamlMappingNode mapping, string name) =>
        mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var key } && key == name).Value;

    private static string? Scalar(YamlMappingNode mapping, string name) => (Child(mapping, name) as YamlScalarNode)?.Value;
}
