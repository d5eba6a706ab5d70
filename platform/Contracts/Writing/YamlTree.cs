using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts.Writing;

/// <summary>
/// Builds the YAML of a descriptor or contract field by field, leaving out what is not there, and writes it. Text that
/// a YAML 1.1 reader would take for a number, a boolean or null is quoted, so it reads back as text.
/// </summary>
/// <param name="source">Where the element was read from, if it was: a list written empty there is written empty again.</param>
internal sealed class YamlTree(DefinitionSource? source = null)
{
    private readonly YamlMappingNode mapping = new();

    public YamlMappingNode Node => mapping;

    public bool IsEmpty => mapping.Children.Count == 0;

    public YamlTree Text(string name, string? value)
    {
        if (value is not null)
        {
            mapping.Add(name, Scalar(value));
        }

        return this;
    }

    public YamlTree Number(string name, decimal? value)
    {
        if (value is { } number)
        {
            mapping.Add(name, new YamlScalarNode(number.ToString(CultureInfo.InvariantCulture)));
        }

        return this;
    }

    public YamlTree Boolean(string name, bool? value)
    {
        if (value is { } flag)
        {
            mapping.Add(name, new YamlScalarNode(flag ? "true" : "false"));
        }

        return this;
    }

    /// <summary>A flag written when it was written, or when it is true (the standards' default is false).</summary>
    public YamlTree Flag(string name, bool value, IReadOnlySet<string> written) => value || written.Contains(name) ? Boolean(name, value) : this;

    public YamlTree Texts(string name, IReadOnlyList<string>? values)
    {
        if (values is { Count: > 0 })
        {
            mapping.Add(name, new YamlSequenceNode(values.Select(v => (YamlNode)Scalar(v))));
        }
        else
        {
            WrittenEmpty(name);
        }

        return this;
    }

    public YamlTree Json(string name, JsonNode? value)
    {
        mapping.Add(name, FromJson(value));
        return this;
    }

    public YamlTree Child(string name, YamlTree? child)
    {
        if (child is not null)
        {
            mapping.Add(name, child.mapping);
        }

        return this;
    }

    /// <summary>A list of entries; nothing when there are none.</summary>
    public YamlTree Items<T>(string name, IReadOnlyList<T> items, Func<T, YamlNode> write)
    {
        if (items.Count > 0)
        {
            mapping.Add(name, new YamlSequenceNode(items.Select(write)));
        }
        else
        {
            WrittenEmpty(name);
        }

        return this;
    }

    private void WrittenEmpty(string name)
    {
        if (source?.Has(name) == true)
        {
            mapping.Add(name, new YamlSequenceNode { Style = YamlDotNet.Core.Events.SequenceStyle.Flow });
        }
    }

    public static YamlScalarNode Scalar(string text)
    {
        var node = new YamlScalarNode(text);
        if (YamlFields.ScalarKindOf(node) != YamlFields.ScalarKind.Text)
        {
            node.Style = ScalarStyle.DoubleQuoted;
        }

        return node;
    }

    public static YamlNode FromJson(JsonNode? value) => value switch
    {
        null => new YamlScalarNode("null"),
        JsonObject json => new YamlMappingNode(json.Select(p => new KeyValuePair<YamlNode, YamlNode>(new YamlScalarNode(p.Key), FromJson(p.Value)))),
        JsonArray array => new YamlSequenceNode(array.Select(FromJson)),
        JsonValue scalar => scalar.GetValueKind() switch
        {
            JsonValueKind.String => Scalar(scalar.GetValue<string>()),
            _ => new YamlScalarNode(scalar.ToJsonString()),
        },
        _ => throw new NotSupportedException(),
    };

    public override string ToString()
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(mapping)).Save(writer, assignAnchors: false);
        var text = writer.ToString();

        // YamlDotNet ends a document with "..." when it has no explicit start; a descriptor or contract file has neither.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }
}
