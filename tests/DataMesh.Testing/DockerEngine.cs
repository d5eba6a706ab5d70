using System.Diagnostics;

namespace DataMesh.Testing;

/// <summary>Whether a Docker engine answers: the docker client alone (as on machines without an engine) is not enough.</summary>
internal static class DockerEngine
{
    public static async Task<bool> IsAvailableAsync()
    {
        try
        {
            using var info = Process.Start(new ProcessStartInfo("docker", "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (info is null)
            {
                return false;
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await info.WaitForExitAsync(timeout.Token);
            return info.ExitCode == 0;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return false;
        }
    }
}
