namespace DataMesh.Contracts;

/// <summary>Reads the <c>description</c> block, the same in ODPS and ODCS.</summary>
internal static class DescriptionReader
{
    private static readonly string[] Fields = ["purpose", "usage", "limitations"];

    /// <param name="required">
    /// Whether the block and its three texts are required here (the descriptor, as the mesh reads ODPS). In a
    /// contract ODCS makes them optional: absent ones read as empty, and <see cref="MeshGovernance"/> asks for them.
    /// </param>
    public static DataProductDescription? Read(YamlFields parent, bool required)
    {
        var fields = parent.Mapping("description", Fields, required);
        if (fields is null)
        {
            return required ? null : new DataProductDescription("", "", "");
        }

        var description = required
            ? new DataProductDescription(fields.Text("purpose"), fields.Text("usage"), fields.Text("limitations"))
            : new DataProductDescription(fields.OptionalText("purpose") ?? "", fields.OptionalText("usage") ?? "", fields.OptionalText("limitations") ?? "");
        return fields.HasErrors ? null : description;
    }
}
