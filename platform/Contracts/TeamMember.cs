namespace DataMesh.Contracts;

/// <summary>A person in the owning team; <see cref="Role"/> is free text such as <c>owner</c> or <c>data steward</c>.</summary>
public sealed record TeamMember(string Username, string? Name, string? Role);
