namespace DataMesh.Quality.SqlPorts;

/// <summary>One way the live schema differs from the contract: the object, the column when it is about one, and how.</summary>
public sealed record SqlPortSchemaDifference(string Object, string? Column, string Reason)
{
    public override string ToString() => Column is null ? $"{Object}: {Reason}" : $"{Object}.{Column}: {Reason}";
}
