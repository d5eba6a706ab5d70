using System.Diagnostics;
using System.Text.Json;
using DataMesh.Testing;

namespace DataMesh.Tool.Tests;

/// <summary>
/// The AsyncAPI parser (@asyncapi/parser from npm) through <c>.ci/tools/asyncapi/validate.mjs</c>, installed by
/// <c>.ci/run</c> with <c>npm ci</c>: every diagnostic it has on a document.
/// </summary>
internal static class AsyncApiParser
{
    private static readonly string Tools = Path.Combine(RepositoryLayout.Root, ".ci", "tools", "asyncapi");

    public static async Task<IReadOnlyList<AsyncApiDiagnostic>> ValidateAsync(string file)
    {
        if (!Directory.Exists(Path.Combine(Tools, "node_modules", "@asyncapi", "parser")))
        {
            throw new InvalidOperationException($"The AsyncAPI parser is not installed: run `npm ci --prefix {Tools} --no-audit --no-fund` (as .ci/run does).");
        }

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Tools };
        start.ArgumentList.Add(Path.Combine(Tools, "validate.mjs"));
        start.ArgumentList.Add(file);
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"validate.mjs exited with {node.ExitCode}: {await error}");
        }

        return JsonSerializer.Deserialize<List<AsyncApiDiagnostic>>(await output, JsonSerializerOptions.Web)!;
    }
}

/// <summary>One diagnostic: how bad (error, warning, information, hint), the rule, what, and where in the document.</summary>
internal sealed record AsyncApiDiagnostic(string Severity, string Code, string Message, string Path)
{
    public override string ToString() => $"{Severity} {Code} at {Path}: {Message}";
}
