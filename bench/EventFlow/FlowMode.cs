namespace DataMesh.Bench.EventFlow;

/// <summary>
/// How events travel between the services: <c>bulk</c> (the library's defaults: bulk publish and bulk subscribe) or
/// <c>single</c> (one <c>PublishEvent</c> per event, one delivery and inbox transaction per event), to measure what
/// the bulk paths bring side by side in one run.
/// </summary>
internal sealed record FlowMode(string Name, bool Bulk)
{
    public static readonly FlowMode BulkMode = new("bulk", true);
    public static readonly FlowMode SingleMode = new("single", false);

    public static FlowMode Parse(string name) => name switch
    {
        "bulk" => BulkMode,
        "single" => SingleMode,
        _ => throw new ArgumentException($"--modes takes bulk and/or single, comma-separated, not '{name}'."),
    };
}
