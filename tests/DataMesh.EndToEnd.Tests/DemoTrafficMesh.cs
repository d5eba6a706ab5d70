namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// The mesh with the demo traffic generator on, as the README's demo command runs it. A mesh of its own: the
/// traffic hires, raises and terminates at random, which would blur the exact figures the other tests assert.
/// </summary>
public sealed class DemoTrafficMesh() : LocalMesh("--Mesh:Demo:Traffic=true", "--Mesh:Demo:Rate=4")
{
    public new const string Collection = "local mesh with demo traffic";
}

[CollectionDefinition(DemoTrafficMesh.Collection)]
public sealed class DemoTrafficMeshCollection : ICollectionFixture<DemoTrafficMesh>;
