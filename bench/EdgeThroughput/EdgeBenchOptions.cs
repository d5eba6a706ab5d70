using System.Globalization;

namespace DataMesh.Bench.EdgeThroughput;

/// <summary>The run's shape, from <c>--name value</c> arguments.</summary>
public sealed record EdgeBenchOptions(int Seconds, int Concurrency, int LatencyRequests, int Repetitions, string Query)
{
    public static EdgeBenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs; '{args[i]}' is not one.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Number(string name, int fallback) => values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
                ? number : throw new ArgumentException($"--{name}: '{text}' is not a positive whole number.")
            : fallback;

        return new EdgeBenchOptions(
            Number("seconds", 10), Number("concurrency", 16), Number("latency-requests", 2000), Number("repetitions", 3),
            values.GetValueOrDefault("query", "/api/hr/headcount"));
    }
}
