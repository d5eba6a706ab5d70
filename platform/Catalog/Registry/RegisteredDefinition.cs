namespace DataMesh.Catalog.Registry;

/// <summary>A descriptor (<c>data-product</c>) or contract (<c>contract</c>) version a registration named.</summary>
public sealed record RegisteredDefinition(string Kind, string Id, string Version);
