using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>Reads the <c>team</c> block: the object form (name, description, members, …), or in ODCS the older bare list of members.</summary>
internal static class TeamReader
{
    private const string Field = "team";

    private static readonly string[] ContractFields = ["id", "name", "description", "members", "tags", CustomPropertyReader.Field, AuthoritativeDefinitionReader.Field];
    private static readonly string[] DescriptorFields = ["name", "description", "members", "tags", CustomPropertyReader.Field, AuthoritativeDefinitionReader.Field];

    private static readonly string[] ContractMemberFields =
        ["id", "username", "name", "description", "role", "dateIn", "dateOut", "replacedByUsername", "tags", CustomPropertyReader.Field, AuthoritativeDefinitionReader.Field];

    private static readonly string[] DescriptorMemberFields =
        ["username", "name", "description", "role", "dateIn", "dateOut", "replacedByUsername", "tags", CustomPropertyReader.Field, AuthoritativeDefinitionReader.Field];

    /// <summary>The team, null when absent or broken (the problems are reported).</summary>
    public static Team? Read(YamlFields parent, Standard standard)
    {
        if (standard == Standard.Odcs && parent.Node(Field, required: false) is YamlSequenceNode)
        {
            var members = parent.Items(Field, required: false, (node, path) => ReadMember(node, path, parent.Reader, standard));
            return new Team("", null, members) { IsMemberList = true };
        }

        var fields = parent.Mapping(Field, standard == Standard.Odcs ? ContractFields : DescriptorFields, required: false);
        if (fields is null)
        {
            return null;
        }

        var team = new Team(
            fields.OptionalText("name") ?? "",
            fields.OptionalText("description"),
            fields.Items("members", required: false, (node, path) => ReadMember(node, path, fields.Reader, standard)))
        {
            Id = fields.StableId("id"),
            Tags = fields.Texts("tags"),
            CustomProperties = CustomPropertyReader.Read(fields, standard),
            AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(fields, standard),
            Source = fields.Source,
        };
        return fields.HasErrors ? null : team;
    }

    private static TeamMember? ReadMember(YamlNode node, string path, DefinitionReader reader, Standard standard)
    {
        var member = reader.Mapping(node, path, standard == Standard.Odcs ? ContractMemberFields : DescriptorMemberFields);
        if (member is null)
        {
            return null;
        }

        var read = new TeamMember(member.Text("username"), member.OptionalText("name"), member.OptionalText("role"))
        {
            Id = member.StableId("id"),
            Description = member.OptionalText("description"),
            DateIn = member.OptionalText("dateIn"),
            DateOut = member.OptionalText("dateOut"),
            ReplacedByUsername = member.OptionalText("replacedByUsername"),
            Tags = member.Texts("tags"),
            CustomProperties = CustomPropertyReader.Read(member, standard),
            AuthoritativeDefinitions = AuthoritativeDefinitionReader.Read(member, standard),
        };
        return member.HasErrors ? null : read;
    }
}
