using DataMesh.Contracts.Model;

namespace DataMesh.Contracts;

/// <summary>Reads a <c>support</c> list. ODPS asks each entry for a <c>url</c> and allows a description, tags and links; ODCS only a channel, and allows a stable id.</summary>
internal static class SupportReader
{
    public const string Field = "support";

    private static readonly string[] ContractFields = ["id", "channel", "url", "description", "tool", "scope", "invitationUrl", CustomPropertyReader.Field];

    private static readonly string[] DescriptorFields =
        ["channel", "url", "description", "tool", "scope", "invitationUrl", "tags", CustomPropertyReader.Field, AuthoritativeDefinitionReader.Field];

    public static IReadOnlyList<SupportChannel> Read(YamlFields parent, Standard standard) =>
        parent.Items(Field, required: false, (node, path) =>
        {
            var fields = parent.Reader.Mapping(node, path, standard == Standard.Odcs ? ContractFields : DescriptorFields);
            if (fields is null)
            {
                return null;
            }

            var channel = new SupportChannel(fields.Text("channel"))
            {
                Id = fields.StableId("id"),
                Url = standard == Standard.Odps ? fields.Text("url") : fields.OptionalText("url"),
                Description = fields.OptionalText("description"),
                Tool = fields.OptionalText("tool"),
                Scope = fields.OptionalText("scope"),
                InvitationUrl = fields.OptionalText("invitationUrl"),
                Tags = fields.Texts("tags"),
                CustomProperties = CustomPropertyReader.Read(fields, standard),
                AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, standard),
            };
            return fields.HasErrors ? null : channel;
        });
}
