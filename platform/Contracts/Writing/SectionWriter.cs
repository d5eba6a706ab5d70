using DataMesh.Contracts.Model;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts.Writing;

/// <summary>Writes the sections ODCS and ODPS share: custom properties, links, support, team, description.</summary>
internal static class SectionWriter
{
    public static YamlTree CustomProperties(this YamlTree tree, IReadOnlyList<CustomProperty> properties) =>
        tree.Items(CustomPropertyReader.Field, properties, p => new YamlTree().Text("id", p.Id).Text("property", p.Property).Json("value", p.Value).Text("description", p.Description).Node);

    public static YamlTree AuthoritativeDefinitions(this YamlTree tree, IReadOnlyList<AuthoritativeDefinition> definitions) =>
        tree.Items(AuthoritativeDefinitionReader.Field, definitions, d => new YamlTree().Text("id", d.Id).Text("url", d.Url).Text("type", d.Type).Text("description", d.Description).Node);

    public static YamlTree Support(this YamlTree tree, IReadOnlyList<SupportChannel> support) =>
        tree.Items(SupportReader.Field, support, s => new YamlTree()
            .Text("id", s.Id).Text("channel", s.Channel).Text("url", s.Url).Text("description", s.Description).Text("tool", s.Tool).Text("scope", s.Scope)
            .Text("invitationUrl", s.InvitationUrl).Texts("tags", s.Tags).CustomProperties(s.CustomProperties).AuthoritativeDefinitions(s.AuthoritativeDefinitions).Node);

    public static YamlTree Roles(this YamlTree tree, IReadOnlyList<Role> roles) =>
        tree.Items(RoleReader.Field, roles, r => new YamlTree()
            .Text("id", r.Id).Text("role", r.Name).Text("description", r.Description).Text("access", r.Access)
            .Text("firstLevelApprovers", r.FirstLevelApprovers).Text("secondLevelApprovers", r.SecondLevelApprovers).CustomProperties(r.CustomProperties).Node);

    public static YamlTree Team(this YamlTree tree, Team? team)
    {
        if (team is null)
        {
            return tree;
        }

        if (team.IsMemberList)
        {
            tree.Node.Add("team", new YamlSequenceNode(team.Members.Select(Member)));
            return tree;
        }

        return tree.Child("team", new YamlTree()
            .Text("id", team.Id).Text("name", team.Name.Length == 0 ? null : team.Name).Text("description", team.Description)
            .Items("members", team.Members, Member).Texts("tags", team.Tags).CustomProperties(team.CustomProperties).AuthoritativeDefinitions(team.AuthoritativeDefinitions));
    }

    public static YamlTree Description(this YamlTree tree, DataProductDescription description)
    {
        if (!description.IsWritten)
        {
            return tree;
        }

        var block = new YamlTree()
            .Text("purpose", Written(description.Purpose)).Text("usage", Written(description.Usage)).Text("limitations", Written(description.Limitations))
            .AuthoritativeDefinitions(description.AuthoritativeDefinitions).CustomProperties(description.CustomProperties);
        foreach (var (name, value) in description.OtherFields)
        {
            block.Json(name, value);
        }

        return tree.Child("description", block);
    }

    /// <summary>A text the model keeps as empty when it is not written.</summary>
    public static string? Written(string text) => text.Length == 0 ? null : text;

    private static YamlNode Member(TeamMember member) => new YamlTree()
        .Text("id", member.Id).Text("username", member.Username).Text("name", member.Name).Text("description", member.Description).Text("role", member.Role)
        .Text("dateIn", member.DateIn).Text("dateOut", member.DateOut).Text("replacedByUsername", member.ReplacedByUsername).Texts("tags", member.Tags)
        .CustomProperties(member.CustomProperties).AuthoritativeDefinitions(member.AuthoritativeDefinitions).Node;
}
