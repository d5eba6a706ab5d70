using System.Text.RegularExpressions;
using DataMesh.Contracts.Model;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>
/// Reads an ODCS <c>relationships</c> list. On a schema object each entry names both ends (<c>from</c> and
/// <c>to</c>, both one reference or both a list); on a property only <c>to</c>.
/// </summary>
internal static partial class RelationshipReader
{
    public const string Field = "relationships";

    private static readonly string[] Fields = ["type", "from", "to", CustomPropertyReader.Field];

    private const string ForeignKey = "foreignKey";

    public static IReadOnlyList<Relationship> Read(YamlFields parent, bool onProperty) =>
        parent.Items(Field, required: false, (node, path) =>
        {
            var fields = parent.Reader.Mapping(node, path, Fields);
            if (fields is null)
            {
                return null;
            }

            var type = fields.OneOf("type", [ForeignKey], required: false);
            var to = Ends(fields, "to", required: true);
            IReadOnlyList<string> from = [];
            if (onProperty)
            {
                fields.Forbid("from", "a property's relationship starts at the property itself; only an object's names 'from'");
            }
            else
            {
                from = Ends(fields, "from", required: true);
                if (fields.Raw("from") is { } fromNode && fields.Raw("to") is { } toNode && fromNode.GetType() != toNode.GetType())
                {
                    fields.Error("to", "from and to are both one reference or both a list");
                }
            }

            var relationship = new Relationship(to)
            {
                Type = type,
                From = from,
                Composite = fields.Raw("to") is YamlSequenceNode,
                CustomProperties = CustomPropertyReader.Read(fields),
            };
            return fields.HasErrors ? null : relationship;
        });

    private static IReadOnlyList<string> Ends(YamlFields fields, string name, bool required)
    {
        var node = fields.Node(name, required);
        IReadOnlyList<string> ends = node switch
        {
            null => [],
            YamlScalarNode => fields.OptionalText(name) is { } one ? [one] : [],
            YamlSequenceNode => fields.Texts(name),
            _ => [],
        };
        if (node is YamlMappingNode)
        {
            fields.Error(name, "expected a reference or a list of references, found a mapping");
        }
        else if (node is YamlSequenceNode { Children.Count: 0 })
        {
            fields.Error(name, "needs at least one reference");
        }

        foreach (var end in ends.Where(e => !IsReference(e)))
        {
            fields.Error(name, $"'{end}' is not a reference (table.column, or a path such as schema/orders/properties/id, optionally after other.yaml#)");
        }

        return ends;
    }

    /// <summary>Whether <paramref name="reference"/> is <c>object.property</c> or a path of section/id pairs, optionally in another file.</summary>
    private static bool IsReference(string reference)
    {
        if (ShortReference().IsMatch(reference))
        {
            return true;
        }

        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            var file = reference[..hash];
            var scheme = file.StartsWith("https://", StringComparison.Ordinal) ? "https://" : file.StartsWith("http://", StringComparison.Ordinal) ? "http://" : "";
            if (!file.EndsWith(".yaml", StringComparison.Ordinal) || !FileName().IsMatch(file[scheme.Length..^".yaml".Length]))
            {
                return false;
            }

            reference = reference[(hash + 1)..];
        }

        var steps = (reference.StartsWith('/') ? reference[1..] : reference).Split('/');
        return steps.Length % 2 == 0 && steps.Select((step, i) => i % 2 == 0 ? Word().IsMatch(step) : Key().IsMatch(step)).All(ok => ok);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ShortReference();

    [GeneratedRegex("^[A-Za-z0-9._/-]+$")]
    private static partial Regex FileName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Word();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Key();
}
