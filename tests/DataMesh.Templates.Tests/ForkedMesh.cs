using System.Diagnostics;
using System.Text;
using Aspire.Hosting;
using DataMesh.Testing;

namespace DataMesh.Templates.Tests;

/// <summary>
/// The forked repository's AppHost run as a process in local mode, as the README runs it: PostgreSQL from the
/// local binaries, the daprd stand-in as every sidecar, the gateway and the dashboard on free ports. (Aspire's
/// testing builder needs the AppHost as a compile-time reference, which a copy made during the test cannot be.)
/// </summary>
public sealed class ForkedMesh : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly StringBuilder log = new();

    /// <summary>The domains of the forked mesh: the samples and the two the test joins.</summary>
    public static readonly string[] Domains = ["finance", "hr", "marketing", "sales", "staffing"];

    private ForkedMesh(Process process, int gatewayPort, IReadOnlyDictionary<string, string> teamKeys)
    {
        this.process = process;
        Gateway = new MeshGateway(new Uri($"http://127.0.0.1:{gatewayPort}"), teamKeys);
    }

    public MeshGateway Gateway { get; }

    /// <summary>What the AppHost printed so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static ForkedMesh Start(ForkedRepository fork)
    {
        var gatewayPort = FreePort.Next();
        // Set, so that the AppHost neither generates the teams' keys nor keeps them in the user's secrets.
        var teamKeys = Domains.ToDictionary(domain => domain, _ => LocalMeshLauncher.NewTeamKey());
        var appHost = Path.Combine(fork.Repository, "apphost", "DataMesh.AppHost", "bin", RepositoryLayout.Configuration, "net10.0", "DataMesh.AppHost");
        var start = DotnetCommand.StartInfo(fork.Repository, [
            "--Mesh:Infrastructure=local",
            // Local mode takes an existing broker; the stand-in sidecars keep topics themselves and only read its address.
            "--ConnectionStrings:kafka=localhost:9092",
            $"--Mesh:Postgres:DataDirectory={Path.Combine(fork.Folder, "postgres")}",
            $"--Mesh:Gateway:Port={gatewayPort}",
            $"--Dapr:DaprdPath={RepositoryLayout.DaprdStandIn}",
            .. teamKeys.Select(team => $"--Parameters:{team.Key}-team-key={team.Value}"),
        ], appHost);

        // What the AppHost's launch profile sets, with free ports instead of its fixed ones.
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://127.0.0.1:{FreePort.Next()}";
        start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";

        var mesh = new ForkedMesh(new Process { StartInfo = start }, gatewayPort, teamKeys);
        mesh.process.OutputDataReceived += (_, line) => mesh.Append(line.Data);
        mesh.process.ErrorDataReceived += (_, line) => mesh.Append(line.Data);
        mesh.process.Start();
        mesh.process.BeginOutputReadLine();
        mesh.process.BeginErrorReadLine();
        return mesh;
    }

    /// <summary>Stops the AppHost as Ctrl+C would (SIGTERM), so that it stops its services and PostgreSQL.</summary>
    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        if (!process.HasExited)
        {
            using var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await signal.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }
}
