using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The activity source and meter that the mesh's own code reports through.</summary>
public static class MeshTelemetry
{
    public const string ActivitySourceName = "DataMesh";
    public const string MeterName = "DataMesh";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
