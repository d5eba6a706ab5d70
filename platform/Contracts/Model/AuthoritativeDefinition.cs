namespace DataMesh.Contracts.Model;

/// <summary>
/// An <c>authoritativeDefinitions</c> entry (ODCS and ODPS): a link to where something is defined for good, such as a
/// business definition, a transformation's implementation or a tutorial. <see cref="Type"/> is free text.
/// </summary>
public sealed record AuthoritativeDefinition(string Url, string Type)
{
    /// <summary>The ODCS stable <c>id</c> of the entry, when one is written.</summary>
    public string? Id { get; init; }

    /// <summary>What the link is about.</summary>
    public string? Description { get; init; }
}
