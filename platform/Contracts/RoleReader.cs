using DataMesh.Contracts.Model;

namespace DataMesh.Contracts;

/// <summary>Reads an ODCS <c>roles</c> list (the contract's, or a server's).</summary>
internal static class RoleReader
{
    public const string Field = "roles";

    private static readonly string[] Fields = ["id", "role", "description", "access", "firstLevelApprovers", "secondLevelApprovers", CustomPropertyReader.Field];

    public static IReadOnlyList<Role> Read(YamlFields parent) =>
        parent.Items(Field, required: false, (node, path) =>
        {
            var fields = parent.Reader.Mapping(node, path, Fields);
            if (fields is null)
            {
                return null;
            }

            var role = new Role(fields.Text("role"))
            {
                Id = fields.StableId("id"),
                Description = fields.OptionalText("description"),
                Access = fields.OptionalText("access"),
                FirstLevelApprovers = fields.OptionalText("firstLevelApprovers"),
                SecondLevelApprovers = fields.OptionalText("secondLevelApprovers"),
                CustomProperties = CustomPropertyReader.Read(fields),
            };
            return fields.HasErrors ? null : role;
        });
}
