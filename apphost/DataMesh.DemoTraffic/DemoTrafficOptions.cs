namespace DataMesh.DemoTraffic;

/// <summary>How much demo traffic to send (section <c>Demo</c>).</summary>
public sealed class DemoTrafficOptions
{
    public const string Section = "Demo";

    /// <summary>Business actions per second, spread over the domains.</summary>
    public double Rate { get; set; } = 1;

    /// <summary>The seed of the choices, so a run can be repeated.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Per domain, its team's API key (from the AppHost's <c>{domain}-team-key</c> parameters): the traffic acts as each domain's own team.</summary>
    public Dictionary<string, string> TeamKeys { get; set; } = [];
}
