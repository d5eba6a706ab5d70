namespace DataMesh.Contracts.Model;

/// <summary>The ODCS <c>price</c> of the data: an amount in a currency per unit (e.g. 9.95 USD per megabyte).</summary>
public sealed record Price
{
    public string? Id { get; init; }

    public decimal? Amount { get; init; }

    public string? Currency { get; init; }

    public string? Unit { get; init; }
}
