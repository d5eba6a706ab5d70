namespace DataMesh.Testing;

/// <summary>The machine's load averages, printed beside benchmark figures: a noisy machine explains noisy figures.</summary>
public static class MachineLoad
{
    /// <summary>The first <paramref name="count"/> load averages (1, 5 and 15 minutes), space-separated; "unknown" off Linux.</summary>
    public static string Averages(int count = 1) =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(count)) : "unknown";
}
