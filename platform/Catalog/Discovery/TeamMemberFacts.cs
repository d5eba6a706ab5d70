namespace DataMesh.Catalog.Discovery;

/// <summary>A member of the owning team as the descriptor names them; <see cref="Role"/> is free text such as <c>owner</c>.</summary>
[ReadFromDefinitions]
public sealed record TeamMemberFacts(string Username, string? Name, string? Role);
