using System.Diagnostics;
using System.Text.Json;
using DataMesh.Testing;

namespace DataMesh.OpenApi.Tests;

/// <summary>
/// Spectral (the OpenAPI linter) with the repository's ruleset, <c>.spectral.yaml</c>, which extends the OWASP API
/// Security ruleset. Installed by <c>.ci/run</c> into <c>.ci/tools/spectral</c> with <c>npm ci</c>.
/// </summary>
public static class Spectral
{
    private static readonly string Tools = Path.Combine(RepositoryLayout.Root, ".ci", "tools", "spectral");
    private static readonly string Cli = Path.Combine(Tools, "node_modules", "@stoplight", "spectral-cli", "dist", "index.js");
    private static readonly string Ruleset = Path.Combine(RepositoryLayout.Root, ".spectral.yaml");

    /// <summary>What Spectral finds wrong with <paramref name="document"/>, errors and warnings alike.</summary>
    public static async Task<IReadOnlyList<SpectralFinding>> LintAsync(string document, string name)
    {
        if (!File.Exists(Cli))
        {
            throw new InvalidOperationException($"Spectral is not installed: run `npm ci --prefix {Tools}` (as .ci/run does).");
        }

        var folder = Directory.CreateTempSubdirectory("openapi-");
        try
        {
            var file = Path.Combine(folder.FullName, $"{name}.json");
            await File.WriteAllTextAsync(file, document);
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryLayout.Root };
            foreach (var argument in new[] { Cli, "lint", file, "--ruleset", Ruleset, "--format", "json", "--quiet" })
            {
                start.ArgumentList.Add(argument);
            }

            using var spectral = Process.Start(start)!;
            var output = spectral.StandardOutput.ReadToEndAsync();
            var errors = spectral.StandardError.ReadToEndAsync();
            await spectral.WaitForExitAsync();
            var json = (await output).Trim();
            if (json.Length == 0 || json[0] != '[')
            {
                throw new InvalidOperationException($"Spectral exited with {spectral.ExitCode} and no findings: {json} {await errors}");
            }

            return JsonSerializer.Deserialize<List<SpectralFinding>>(json, JsonSerializerOptions.Web)!;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>One finding: the rule, how bad (0 error, 1 warning, 2 information, 3 hint), where, and what.</summary>
public sealed record SpectralFinding(string Code, int Severity, IReadOnlyList<JsonElement> Path, string Message)
{
    /// <summary>The rule and where: <c>owasp:api4:2023-string-limit at components.schemas.X.properties.y</c>.</summary>
    public string Place => $"{Code} at {string.Join('.', Path.Select(p => p.ToString()))}";

    public override string ToString() => $"{Place}: {Message}";
}
