namespace DataMesh.Testing;

/// <summary>The order statistics the benchmarks report: nearest-rank percentiles and medians.</summary>
public static class Quantiles
{
    /// <summary>Nearest-rank percentile of values sorted in ascending order; NaN when there are none.</summary>
    /// <param name="fraction">0.50 for the median rank, 0.99 for p99.</param>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The middle value, or the mean of the two middle values of an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
