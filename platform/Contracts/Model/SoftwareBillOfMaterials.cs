namespace DataMesh.Contracts.Model;

/// <summary>An output port's <c>sbom</c> entry (ODPS): where the software bill of materials of what produces the port is published.</summary>
public sealed record SoftwareBillOfMaterials(string Url)
{
    /// <summary>Free text; the standard's default is <c>external</c>.</summary>
    public string? Type { get; init; }
}
