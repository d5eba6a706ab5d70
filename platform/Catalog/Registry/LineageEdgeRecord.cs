namespace DataMesh.Catalog.Registry;

/// <summary>
/// One input port of the newest version of a data product: <see cref="DownstreamId"/> consumes
/// <see cref="ContractId"/> of <see cref="UpstreamId"/>. The upstream product may not be registered yet.
/// </summary>
public sealed class LineageEdgeRecord
{
    public required string DownstreamId { get; set; }

    public required string InputPort { get; set; }

    public required string UpstreamId { get; set; }

    public required string ContractId { get; set; }

    public required string ContractVersion { get; set; }
}
