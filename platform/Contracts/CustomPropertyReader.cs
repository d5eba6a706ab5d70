using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>Reads a <c>customProperties</c> list, the same in every section of ODCS and ODPS: any JSON value is kept as written.</summary>
internal static class CustomPropertyReader
{
    public const string Field = "customProperties";

    private static readonly string[] Fields = ["id", "property", "value", "description"];

    public static IReadOnlyList<CustomProperty> Read(YamlFields parent) =>
        parent.Items(Field, required: false, (node, path) => Read(node, path, parent.Reader));

    /// <summary>One entry, or null when it is broken (the problems are reported).</summary>
    public static CustomProperty? Read(YamlNode node, string path, DefinitionReader reader)
    {
        var fields = reader.Mapping(node, path, Fields);
        if (fields is null)
        {
            return null;
        }

        var id = fields.StableId("id");
        var name = fields.Text("property");
        var description = fields.OptionalText("description");

        // A null value is a value (the standard takes any), so the field itself must be there.
        var value = fields.Raw("value");
        if (value is null)
        {
            fields.Error("value", "is required");
        }

        return fields.HasErrors ? null : new CustomProperty(name, value is null ? null : YamlJson.ToJson(value, reader), fields.Source) { Id = id, Description = description };
    }
}
