namespace DataMesh.Contracts;

/// <summary>An ODCS <c>customProperties</c> entry; we keep scalar values only, as text.</summary>
public sealed record CustomProperty(string Property, string Value);
