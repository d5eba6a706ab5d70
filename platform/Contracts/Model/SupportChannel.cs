namespace DataMesh.Contracts.Model;

/// <summary>A <c>support</c> entry (ODCS and ODPS): where consumers get help or announcements, e.g. a Slack channel or a ticket queue.</summary>
public sealed record SupportChannel(string Channel)
{
    public string? Id { get; init; }

    public string? Url { get; init; }

    public string? Description { get; init; }

    /// <summary>Free text such as <c>email</c>, <c>slack</c>, <c>teams</c>, <c>ticket</c>.</summary>
    public string? Tool { get; init; }

    /// <summary>Free text such as <c>interactive</c>, <c>announcements</c>, <c>issues</c>.</summary>
    public string? Scope { get; init; }

    public string? InvitationUrl { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    public IReadOnlyList<AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];
}
