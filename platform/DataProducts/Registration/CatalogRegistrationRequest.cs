namespace DataMesh.DataProducts.Registration;

/// <summary>
/// What a service sends the catalog: the raw YAML of its own descriptors and of the contracts they offer, so
/// that the catalog reads them with the same loader and keeps what the authors wrote.
/// </summary>
public sealed record CatalogRegistrationRequest(string Domain, IReadOnlyList<DefinitionFile> Descriptors, IReadOnlyList<DefinitionFile> Contracts);

/// <summary>One definition file: its path relative to the definitions folder and its YAML text.</summary>
public sealed record DefinitionFile(string Path, string Yaml);
