namespace DataMesh.DemoTraffic;

/// <summary>How much demo traffic to send (section <c>Demo</c>).</summary>
public sealed class DemoTrafficOptions
{
    public const string Section = "Demo";

    /// <summary>Business actions per second, spread over the domains.</summary>
    public double Rate { get; set; } = 1;

    /// <summary>The seed of the choices, so a run can be repeated.</summary>
    public int Seed { get; set; } = 42;
}
