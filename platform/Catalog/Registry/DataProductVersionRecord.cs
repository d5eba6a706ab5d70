namespace DataMesh.Catalog.Registry;

/// <summary>One registered version of a data product descriptor, kept as written.</summary>
public sealed class DataProductVersionRecord
{
    public required string DataProductId { get; set; }

    public required string Version { get; set; }

    /// <summary>The numeric parts of <see cref="Version"/>, so PostgreSQL orders versions as semver does.</summary>
    public int Major { get; set; }

    public int Minor { get; set; }

    public int Patch { get; set; }

    /// <summary>The path the domain keeps the file at, for messages.</summary>
    public required string Path { get; set; }

    public required string Yaml { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
