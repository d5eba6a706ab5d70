namespace DataMesh.Contracts;

/// <summary>Reads the <c>description</c> block, the same in ODPS and ODCS.</summary>
internal static class DescriptionReader
{
    private static readonly string[] Fields = ["purpose", "usage", "limitations"];

    public static DataProductDescription? Read(YamlFields parent)
    {
        var fields = parent.Mapping("description", Fields, required: true);
        if (fields is null)
        {
            return null;
        }

        var description = new DataProductDescription(fields.Text("purpose"), fields.Text("usage"), fields.Text("limitations"));
        return fields.HasErrors ? null : description;
    }
}
