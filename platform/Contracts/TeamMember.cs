using DataMesh.Contracts.Model;

namespace DataMesh.Contracts;

/// <summary>A person in the owning team; <see cref="Role"/> is free text such as <c>owner</c> or <c>data steward</c>.</summary>
public sealed record TeamMember(string Username, string? Name, string? Role)
{
    public string? Id { get; init; }

    public string? Description { get; init; }

    /// <summary>The day the person joined the team, as written (a date).</summary>
    public string? DateIn { get; init; }

    /// <summary>The day the person left the team, as written (a date).</summary>
    public string? DateOut { get; init; }

    public string? ReplacedByUsername { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    public IReadOnlyList<AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];
}
