namespace DataMesh.EndToEnd.Tests;

/// <summary>One mesh for every end-to-end test class: starting it takes most of a minute.</summary>
[CollectionDefinition(LocalMesh.Collection)]
public sealed class LocalMeshCollection : ICollectionFixture<LocalMesh>;
