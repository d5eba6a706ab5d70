using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>
/// Turns YAML written in a contract (examples) into the JSON an event would carry. Plain scalars follow the
/// YAML 1.2 core schema (null, booleans, numbers); quoted scalars are always strings, so <c>'42'</c> stays text.
/// </summary>
internal static partial class YamlJson
{
    public static ExampleEvent Example(YamlNode node, DefinitionReader reader)
    {
        var locations = new Dictionary<string, SourceLocation>();
        var value = ToJson(node, reader, "", locations);
        return new ExampleEvent(value, reader.LocationOf(node), locations);
    }

    public static JsonNode? ToJson(YamlNode node, DefinitionReader reader) => ToJson(node, reader, "", []);

    private static JsonNode? ToJson(YamlNode node, DefinitionReader reader, string pointer, Dictionary<string, SourceLocation> locations)
    {
        if (pointer.Length > 0)
        {
            locations[pointer] = reader.LocationOf(node);
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var json = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? key.ToString();
                    var field = $"{pointer}/{name.Replace("~", "~0").Replace("/", "~1")}";
                    json[name] = ToJson(value, reader, field, locations);

                    // A field is located where its name is written, as everywhere else in the reports.
                    locations[field] = reader.LocationOf(key);
                }

                return json;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(ToJson(sequence.Children[i], reader, $"{pointer}/{i}", locations));
                }

                return array;
            default:
                return Scalar((YamlScalarNode)node);
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when FloatPattern().IsMatch(text) => JsonValue.Create(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
