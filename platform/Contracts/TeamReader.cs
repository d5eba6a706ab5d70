namespace DataMesh.Contracts;

/// <summary>Reads the <c>team</c> block in its RFC 0016 object form (name, description, members).</summary>
internal static class TeamReader
{
    private static readonly string[] Fields = ["name", "description", "members"];
    private static readonly string[] MemberFields = ["username", "name", "role"];

    public static Team? Read(YamlFields parent, bool required)
    {
        var fields = parent.Mapping("team", Fields, required);
        if (fields is null)
        {
            return null;
        }

        var team = new Team(
            fields.Identifier("name"),
            fields.OptionalText("description"),
            fields.Items("members", required: false, (node, path) =>
            {
                var member = fields.Reader.Mapping(node, path, MemberFields);
                if (member is null)
                {
                    return null;
                }

                var read = new TeamMember(member.Text("username"), member.OptionalText("name"), member.OptionalText("role"));
                return member.HasErrors ? null : read;
            }));
        return fields.HasErrors ? null : team;
    }
}
