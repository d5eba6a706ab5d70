using NpgsqlTypes;

namespace DataMesh.Catalog.Registry;

/// <summary>
/// A data product's search vector and filter columns, copied from <see cref="DataProductRecord"/> by a database
/// trigger. Ranking reads the vector of every match; in this narrow table the matches of a common word span half
/// the pages they span in the wide one, which halves what a search reads.
/// </summary>
public sealed class DataProductSearchRecord
{
    public required string Id { get; set; }

    public required string Domain { get; set; }

    public required string Owner { get; set; }

    public required string Status { get; set; }

    public List<string> Classifications { get; set; } = [];

    public NpgsqlTsVector SearchVector { get; set; } = null!;
}
