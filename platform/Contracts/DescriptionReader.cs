namespace DataMesh.Contracts;

/// <summary>Reads the <c>description</c> block, the same in ODPS and ODCS except that ODCS lets it have fields of its author's own.</summary>
internal static class DescriptionReader
{
    private static readonly string[] Fields = ["purpose", "usage", "limitations", AuthoritativeDefinitionReader.Field, CustomPropertyReader.Field];

    /// <summary>The description (empty texts for what is not written), or null when it is broken (the problems are reported).</summary>
    public static DataProductDescription? Read(YamlFields parent, Standard standard)
    {
        var fields = parent.Mapping("description", Fields, required: false, open: standard == Standard.Odcs);
        if (fields is null)
        {
            return parent.Has("description") ? null : new DataProductDescription("", "", "") { IsWritten = false };
        }

        var description = new DataProductDescription(fields.OptionalText("purpose") ?? "", fields.OptionalText("usage") ?? "", fields.OptionalText("limitations") ?? "")
        {
            AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, standard),
            CustomProperties = CustomPropertyReader.Read(fields, standard),
            Source = fields.Source,
            OtherFields = fields.Others.Select(o => new KeyValuePair<string, System.Text.Json.Nodes.JsonNode?>(o.Key, YamlJson.ToJson(o.Value, fields.Reader))).ToList(),
        };
        return fields.HasErrors ? null : description;
    }
}
