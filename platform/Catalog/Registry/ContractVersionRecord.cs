namespace DataMesh.Catalog.Registry;

/// <summary>One registered version of a data contract, kept as written.</summary>
public sealed class ContractVersionRecord
{
    /// <summary>The longest contract id the catalog registers (<see cref="Governance.GovernanceRules"/>): a product's id and a suffix.</summary>
    public const int MaxIdLength = DataProductRecord.MaxIdLength;

    /// <summary>The longest version (of a contract or a descriptor) the catalog registers: semantic versions with a short pre-release or build part.</summary>
    public const int MaxVersionLength = 64;

    public required string ContractId { get; set; }

    public required string Version { get; set; }

    public int Major { get; set; }

    public int Minor { get; set; }

    public int Patch { get; set; }

    public required string DataProductId { get; set; }

    /// <summary>The Dapr topic the contract's events are published on; null for a SQL output port's contract, which has no events.</summary>
    public string? Topic { get; set; }

    public required string Path { get; set; }

    public required string Yaml { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
