using System.Globalization;

namespace DaprSidecarStandIn;

/// <summary>
/// A consumer group's committed offset in one topic log: the byte position of the first record not yet
/// settled. Kept in a small file replaced atomically (write a temporary file, then rename), so a crash
/// leaves either the old or the new offset, and the group resumes from there (at-least-once).
/// </summary>
public sealed class ConsumerGroupOffset(string topicDirectory, string group)
{
    private readonly string path = Path.Combine(topicDirectory, "groups", $"{Uri.EscapeDataString(group)}.offset");

    public long Load()
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var text = File.ReadAllText(path).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : 0;
    }

    public void Commit(long offset)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staging = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        File.WriteAllText(staging, offset.ToString(CultureInfo.InvariantCulture));
        File.Move(staging, path, overwrite: true);
    }
}
