using System.Diagnostics;
using Npgsql;

namespace Aspire.Hosting.Postgres;

/// <summary>
/// The on-disk side of a local PostgreSQL server: creating its data folder with initdb, and the
/// administrative connection over the server's Unix socket, which needs no password. Through it the
/// AppHost sets the superuser's password to this run's secret parameter and creates the databases and their
/// owners (<see cref="OwnedDatabase"/>).
/// </summary>
public sealed class LocalPostgresCluster(string dataDirectory, PostgresBinaries binaries)
{
    public string DataDirectory { get; } = dataDirectory;

    public bool IsInitialized => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>The command line that runs the server in the foreground, for the orchestrator to start and stop.</summary>
    /// <remarks>The port is left to the caller: the orchestrator allocates it when the server starts.</remarks>
    public (string Command, IReadOnlyList<string> Arguments) ServerCommand() => binaries.Command("postgres",
        "-D", DataDirectory,
        "-k", DataDirectory,
        "-c", "listen_addresses=127.0.0.1",
        "-c", "max_connections=200",
        "-p");

    public async Task InitializeAsync(TextWriter log, CancellationToken cancellationToken)
    {
        if (IsInitialized)
        {
            return;
        }

        Directory.CreateDirectory(DataDirectory);
        binaries.GiveToServerUser(DataDirectory);
        // Local connections (the socket inside the data folder) are trusted; TCP needs the password.
        var (command, arguments) = binaries.Command("initdb",
            "-D", DataDirectory, "-U", "postgres", "-E", "UTF8", "--no-locale",
            "--auth-local=trust", "--auth-host=scram-sha-256");
        await RunToCompletionAsync(command, arguments, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects over the Unix socket as the superuser; the server must be up.</summary>
    public NpgsqlConnection OpenAdministrativeConnection(int port) => new(AdministrativeConnectionString(port));

    /// <summary>The superuser over the Unix socket, which needs no password: for creating roles and databases only.</summary>
    public string AdministrativeConnectionString(int port) => new NpgsqlConnectionStringBuilder
    {
        Host = DataDirectory,
        Port = port,
        Username = "postgres",
        Database = "postgres",
        Pooling = false,
    }.ConnectionString;

    public async Task SetPasswordAsync(int port, string password, CancellationToken cancellationToken)
    {
        await using var connection = OpenAdministrativeConnection(port);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // ALTER ROLE takes no bind parameters: quote the literal the way the server does.
        await using var command = new NpgsqlCommand($"ALTER ROLE postgres PASSWORD {OwnedDatabase.QuoteLiteral(password)}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task RunToCompletionAsync(string command, IReadOnlyList<string> arguments, TextWriter log, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await log.WriteAsync(await output.ConfigureAwait(false)).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"{Path.GetFileName(arguments.FirstOrDefault(a => a.EndsWith("initdb", StringComparison.Ordinal)) ?? command)} failed with exit code {process.ExitCode}: {await error.ConfigureAwait(false)}");
        }
    }
}
