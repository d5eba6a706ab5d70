namespace DataMesh.Catalog.Registry;

/// <summary>One registered version of a data contract, kept as written.</summary>
public sealed class ContractVersionRecord
{
    public required string ContractId { get; set; }

    public required string Version { get; set; }

    public int Major { get; set; }

    public int Minor { get; set; }

    public int Patch { get; set; }

    public required string DataProductId { get; set; }

    /// <summary>The Dapr topic the contract's events are published on.</summary>
    public required string Topic { get; set; }

    public required string Path { get; set; }

    public required string Yaml { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
