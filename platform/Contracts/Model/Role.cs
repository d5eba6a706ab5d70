namespace DataMesh.Contracts.Model;

/// <summary>
/// An ODCS <c>roles</c> entry: an IAM role that gives access to the data (on the contract or on one server), with
/// the kind of access and who approves a request for it.
/// </summary>
public sealed record Role(string Name)
{
    public string? Id { get; init; }

    public string? Description { get; init; }

    /// <summary>Free text such as <c>read</c> or <c>write</c>.</summary>
    public string? Access { get; init; }

    public string? FirstLevelApprovers { get; init; }

    public string? SecondLevelApprovers { get; init; }

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];
}
