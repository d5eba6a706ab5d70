using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace DataMesh.Bench.EventFlow;

/// <summary>CPU time used so far, in milliseconds, by the bench process (both services), the two sidecars and PostgreSQL.</summary>
internal readonly record struct CpuSample(double Services, double Sidecars, double Postgres)
{
    public double Total => Services + Sidecars + Postgres;

    public static CpuSample operator -(CpuSample after, CpuSample before) =>
        new(after.Services - before.Services, after.Sidecars - before.Sidecars, after.Postgres - before.Postgres);
}

/// <summary>
/// Reads the CPU time of every process of the pipeline from <c>/proc</c>. CPU time per event does not depend on what
/// else runs on the machine the way elapsed time does, so it says what the 2 cores could carry on their own.
/// </summary>
internal sealed class CpuTime
{
    private static readonly double TicksPerMillisecond = 100 / 1000.0; // USER_HZ is 100 on Linux.

    private readonly int postmaster;
    private readonly IReadOnlyList<int> sidecars;

    private CpuTime(int postmaster, IReadOnlyList<int> sidecars)
    {
        this.postmaster = postmaster;
        this.sidecars = sidecars;
    }

    /// <summary>Finds the server's postmaster from its <c>postmaster.pid</c>, whose first line is its process id.</summary>
    public static async Task<CpuTime> ForAsync(string serverConnectionString, IReadOnlyList<int> sidecarProcessIds)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_read_file('postmaster.pid', 0, 16)", connection);
        var pid = int.Parse(((string)(await command.ExecuteScalarAsync())!).Split('\n')[0].Trim(), CultureInfo.InvariantCulture);
        return new CpuTime(pid, sidecarProcessIds);
    }

    public CpuSample Read() => new(
        Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
        sidecars.Sum(ProcessMilliseconds),
        ProcessMilliseconds(postmaster) + ChildrenOf(postmaster).Sum(ProcessMilliseconds));

    /// <summary>utime + stime of a process (fields 14 and 15 of <c>/proc/pid/stat</c>), 0 once it is gone.</summary>
    private static double ProcessMilliseconds(int pid)
    {
        var fields = Stat(pid);
        return fields is null ? 0 : (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerMillisecond;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } fields
                && fields[1] == parent.ToString(CultureInfo.InvariantCulture))
            {
                yield return pid;
            }
        }
    }

    /// <summary>The fields of <c>/proc/pid/stat</c> after the command name (state is [0], ppid [1], utime [11], stime [12]).</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
