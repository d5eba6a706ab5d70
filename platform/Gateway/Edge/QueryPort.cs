namespace DataMesh.Gateway.Edge;

/// <summary>A data product's query endpoint: the path it answers under and the properties its contract marks as personal data.</summary>
public sealed record QueryPort(string DataProductId, string Domain, string Owner, string Location, IReadOnlyList<string> PersonalData)
{
    /// <summary>Whether <paramref name="path"/> is the endpoint or below it (<c>/api/hr/employees</c>, <c>/api/hr/employees/{id}</c>).</summary>
    public bool Serves(PathString path) => path.StartsWithSegments(Location, StringComparison.OrdinalIgnoreCase);
}
