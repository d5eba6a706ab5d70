namespace DataMesh.Contracts.Model;

/// <summary>
/// An ODCS <c>relationships</c> entry: a foreign key. On a schema object both ends are named (<see cref="From"/> and
/// <see cref="To"/>, one reference each or lists of the same length for a composite key); on a property only
/// <see cref="To"/>, the property itself being the other end. References are <c>table.column</c> or fully qualified
/// (<c>schema/orders/properties/id</c>, optionally in another contract file: <c>other.yaml#/schema/...</c>).
/// </summary>
public sealed record Relationship(IReadOnlyList<string> To)
{
    /// <summary>The relationship's type; <c>foreignKey</c>, the only one the standard has, is also what an absent type means.</summary>
    public string? Type { get; init; }

    /// <summary>The referring end(s); empty on a property, which is itself the referring end.</summary>
    public IReadOnlyList<string> From { get; init; } = [];

    /// <summary>Whether the ends are written as lists (a composite key) rather than one reference each.</summary>
    public bool Composite { get; init; }

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];
}
