namespace DataMesh.Catalog.Registry;

/// <summary>What an accepted registration changed: new versions, and versions already registered as they are.</summary>
public sealed record RegistrationReceipt(string Domain, IReadOnlyList<RegisteredDefinition> Registered, IReadOnlyList<RegisteredDefinition> Unchanged);
