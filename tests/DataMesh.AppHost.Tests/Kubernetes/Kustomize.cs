using System.Diagnostics;

namespace DataMesh.AppHost.Tests.Kubernetes;

/// <summary><c>kubectl kustomize</c>: renders a kustomization as <c>kubectl apply -k</c> would, without a cluster.</summary>
internal static class Kustomize
{
    public static async Task<string> RenderAsync(string folder)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(folder);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("kubectl is not installed: .ci/run installs it (Debian's kubernetes-client), or `apt-get install kubernetes-client`.");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"kubectl kustomize {folder} failed: {await errors}");
            return await output;
        }
    }
}
