using System.Diagnostics;

namespace Aspire.Hosting.Postgres;

/// <summary>
/// Where the PostgreSQL server programs are, and how to run them. PostgreSQL refuses to run as root,
/// so under root they run as an unprivileged account (<c>postgres</c> by default) through setpriv,
/// which execs in place: the orchestrator's stop signal then reaches the server itself.
/// </summary>
public sealed class PostgresBinaries
{
    private PostgresBinaries(string directory, string? serverUser)
    {
        Directory = directory;
        ServerUser = serverUser;
    }

    public string Directory { get; }

    /// <summary>The account the server runs as when the AppHost runs as root; null otherwise.</summary>
    public string? ServerUser { get; }

    /// <summary>
    /// Finds <c>initdb</c> and <c>postgres</c> in <paramref name="configuredDirectory"/>, else on PATH, else in
    /// Debian's and Homebrew's usual folders; null with a reason when they are nowhere.
    /// </summary>
    public static (PostgresBinaries? Binaries, string? Problem) Locate(string? configuredDirectory, string serverUserWhenRoot)
    {
        var candidates = configuredDirectory is { Length: > 0 }
            ? [configuredDirectory]
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Concat(System.IO.Directory.Exists("/usr/lib/postgresql")
                    ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(version => Path.Combine(version, "bin"))
                    : [])
                .Append("/opt/homebrew/bin")
                .Append("/usr/local/bin");

        var directory = candidates.FirstOrDefault(candidate =>
            File.Exists(Path.Combine(candidate, "postgres")) && File.Exists(Path.Combine(candidate, "initdb")));
        if (directory is null)
        {
            return (null, configuredDirectory is { Length: > 0 }
                ? $"Mesh:Postgres:BinDirectory is '{configuredDirectory}', but initdb and postgres are not both there."
                : "Local mode runs PostgreSQL from the machine's own binaries, and initdb and postgres were not found on PATH. " +
                  "Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql), " +
                  "or set Mesh:Postgres:BinDirectory to the folder that holds them.");
        }

        return (new PostgresBinaries(Path.GetFullPath(directory), Environment.UserName == "root" ? serverUserWhenRoot : null), null);
    }

    /// <summary>The command and arguments that run one of the programs as the right account.</summary>
    public (string Command, IReadOnlyList<string> Arguments) Command(string program, params string[] arguments)
    {
        var path = Path.Combine(Directory, program);
        return ServerUser is null
            ? (path, arguments)
            : ("setpriv", [$"--reuid={ServerUser}", $"--regid={ServerUser}", "--init-groups", "--", path, .. arguments]);
    }

    /// <summary>Under root, hands the data folder to the server's account, which must own it.</summary>
    public void GiveToServerUser(string dataDirectory)
    {
        if (ServerUser is null)
        {
            return;
        }

        using var chown = Process.Start("chown", ["-R", ServerUser, dataDirectory]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new DistributedApplicationException($"Could not give {dataDirectory} to the '{ServerUser}' account (chown exit code {chown.ExitCode}).");
        }
    }
}
