using System.Globalization;

namespace DataMesh.Bench.EventFlow;

/// <summary>The bench's command line: <c>--name value</c> pairs, each optional.</summary>
internal sealed record FlowOptions
{
    /// <summary>Events published per sustained repetition.</summary>
    public int Events { get; init; } = 20_000;

    /// <summary>Events the producer commits per transaction in the sustained phase.</summary>
    public int Batch { get; init; } = 100;

    /// <summary>Events per second in the paced phase.</summary>
    public int Rate { get; init; } = 500;

    /// <summary>Length of each paced repetition.</summary>
    public int Seconds { get; init; } = 20;

    public int Repetitions { get; init; } = 3;

    /// <summary>
    /// Seconds of unmeasured flow before the repetitions: a long-running service's code is fully tiered up, and
    /// under load on these machines the JIT takes about half a minute to get there (a warm-up of 1,000 events left
    /// the first repetition at a third of the CPU efficiency of the third).
    /// </summary>
    public int WarmupSeconds { get; init; } = 40;

    /// <summary>The relay's <c>Outbox.BatchSize</c>; the library's default unless given.</summary>
    public int RelayBatchSize { get; init; } = 100;

    /// <summary>The relay's <c>Outbox.PollInterval</c>; the library's default (250 ms) unless given.</summary>
    public TimeSpan? RelayPollInterval { get; init; }

    /// <summary>
    /// PostgreSQL's <c>synchronous_commit</c> for both services' databases: <c>on</c> (the default, every commit
    /// waits for its WAL flush) or <c>off</c>, to measure how much of the figures the flushes are. Not a setting
    /// to run a domain service with: an acknowledged inbox entry could be lost in a crash.
    /// </summary>
    public string SynchronousCommit { get; init; } = "on";

    /// <summary>The modes measured one after the other in this run, each on a fresh pipeline (<see cref="FlowMode"/>).</summary>
    public IReadOnlyList<FlowMode> Modes { get; init; } = [FlowMode.BulkMode];

    public const string Usage =
        "Usage: dotnet run -c Release --project bench/EventFlow -- [--events 20000] [--batch 100] [--rate 500] [--seconds 20] " +
        "[--repetitions 3] [--warmup-seconds 40] [--relay-batch 100] [--relay-poll-ms 250] [--synchronous-commit on|off] [--modes bulk|single|bulk,single]";

    /// <exception cref="ArgumentException">An unknown flag, a flag without a value, or a value out of its range.</exception>
    public static FlowOptions Parse(IReadOnlyList<string> args)
    {
        var options = new FlowOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{args[i]} needs a value.");
            }

            if (args[i] == "--synchronous-commit")
            {
                options = args[i + 1] is "on" or "off"
                    ? options with { SynchronousCommit = args[i + 1] }
                    : throw new ArgumentException($"--synchronous-commit is on or off, not '{args[i + 1]}'.");
                continue;
            }

            if (args[i] == "--modes")
            {
                var modes = args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(FlowMode.Parse).Distinct().ToList();
                options = modes.Count > 0 ? options with { Modes = modes } : throw new ArgumentException("--modes needs bulk, single or both.");
                continue;
            }

            var value = int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
                ? number
                : throw new ArgumentException($"{args[i]} needs a positive integer, not '{args[i + 1]}'.");
            options = args[i] switch
            {
                "--events" => options with { Events = value },
                "--batch" => options with { Batch = value },
                "--rate" => options with { Rate = value },
                "--seconds" => options with { Seconds = value },
                "--repetitions" => options with { Repetitions = value },
                "--warmup-seconds" => options with { WarmupSeconds = value },
                "--relay-batch" => options with { RelayBatchSize = value },
                "--relay-poll-ms" => options with { RelayPollInterval = TimeSpan.FromMilliseconds(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
