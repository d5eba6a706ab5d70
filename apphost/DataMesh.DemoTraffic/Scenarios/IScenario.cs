namespace DataMesh.DemoTraffic.Scenarios;

/// <summary>One business action a user of a domain takes through the gateway.</summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>How often it is chosen, relative to the others.</summary>
    int Weight { get; }

    /// <returns>The HTTP status the mesh answered, or null when the action had nothing to act on.</returns>
    Task<int?> RunAsync(MeshClient mesh, Random random, CancellationToken cancellationToken);
}
