namespace DataMesh.Contracts.Model;

/// <summary>
/// An ODPS <c>managementPorts</c> entry: an endpoint for operating the product rather than consuming its data, such
/// as its observability or discovery interface. <see cref="Content"/> says which (free text, e.g. <c>observability</c>).
/// </summary>
public sealed record ManagementPort(string Name, string Content)
{
    /// <summary>Free text such as <c>rest</c> or <c>topic</c>.</summary>
    public string? Type { get; init; }

    public string? Url { get; init; }

    public string? Channel { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    public IReadOnlyList<AuthoritativeDefinition> AuthoritativeDefinitions { get; init; } = [];
}
