using System.Diagnostics;
using System.Net.Sockets;
using Aspire.Hosting;
using Aspire.Hosting.Postgres;
using Npgsql;

namespace DataMesh.Testing;

/// <summary>
/// PostgreSQL from the machine's binaries, the same way the AppHost's local mode runs it
/// (<see cref="LocalPostgresCluster"/>): a temporary data folder, a free port, deleted afterwards.
/// </summary>
internal sealed class LocalPostgres : IThrowawayPostgres
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _server;
    private readonly string _root;

    private LocalPostgres(Process server, string root, string connectionString)
    {
        _server = server;
        _root = root;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public string Kind => "local binaries";

    public static async Task<LocalPostgres> StartAsync()
    {
        var (binaries, problem) = PostgresBinaries.Locate(Environment.GetEnvironmentVariable("DATAMESH_POSTGRES_BIN"), "postgres");
        if (binaries is null)
        {
            throw new InvalidOperationException($"No Docker engine and no local PostgreSQL for the tests. {problem}");
        }

        var root = ServerReachableDirectory.Create("datamesh-test-pg-");

        var cluster = new LocalPostgresCluster(Path.Combine(root, "data"), binaries);
        await cluster.InitializeAsync(TextWriter.Null, CancellationToken.None);

        var port = FreePort.Next();
        var (command, arguments) = cluster.ServerCommand();
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Append(port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            start.ArgumentList.Add(argument);
        }

        // The server writes its log to stderr; it must be drained or the server blocks once the pipe is full.
        var server = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();

        var password = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            try
            {
                await cluster.SetPasswordAsync(port, password, timeout.Token);
                break;
            }
            catch (Exception exception) when (exception is NpgsqlException or SocketException && !timeout.IsCancellationRequested && !server.HasExited)
            {
                await Task.Delay(100, timeout.Token);
            }
        }

        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = "postgres",
        }.ConnectionString;
        return new LocalPostgres(server, root, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!_server.HasExited)
        {
            // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, not waited for.
            using var interrupt = Process.Start("kill", ["-INT", _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await interrupt.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _server.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _server.Kill(entireProcessTree: true);
            }
        }

        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

}
