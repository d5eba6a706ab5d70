namespace DataMesh.Contracts;

/// <summary>The <c>description</c> block shared by ODPS and ODCS: what the data is for, how to use it, and what it cannot do.</summary>
public sealed record DataProductDescription(string Purpose, string Usage, string Limitations);
