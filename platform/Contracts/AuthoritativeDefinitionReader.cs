using DataMesh.Contracts.Model;

namespace DataMesh.Contracts;

/// <summary>Reads an <c>authoritativeDefinitions</c> list: ODCS entries may also have a stable <c>id</c>.</summary>
internal static class AuthoritativeDefinitionReader
{
    public const string Field = "authoritativeDefinitions";

    private static readonly string[] ContractFields = ["id", "url", "type", "description"];
    private static readonly string[] DescriptorFields = ["type", "url", "description"];

    public static IReadOnlyList<AuthoritativeDefinition> Read(YamlFields parent, Standard standard) =>
        parent.Items(Field, required: false, (node, path) =>
        {
            var fields = parent.Reader.Mapping(node, path, standard == Standard.Odcs ? ContractFields : DescriptorFields);
            if (fields is null)
            {
                return null;
            }

            var definition = new AuthoritativeDefinition(fields.Text("url"), fields.Text("type"))
            {
                Id = fields.StableId("id"),
                Description = fields.OptionalText("description"),
            };
            return fields.HasErrors ? null : definition;
        });
}
