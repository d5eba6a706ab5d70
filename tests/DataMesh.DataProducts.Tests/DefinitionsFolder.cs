using DataMesh.Contracts;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// A private copy of the sample definitions (hr.employees and its consumer finance.payroll) that a test
/// may break one edit at a time before loading it.
/// </summary>
internal sealed class DefinitionsFolder : IDisposable
{
    public const string EmployeesContract = "hr/employees.odcs.yaml";
    public const string EmployeesDescriptor = "hr/employees.odps.yaml";
    public const string PayrollDescriptor = "finance/payroll.odps.yaml";
    public const string PayrollContract = "finance/payroll.odcs.yaml";

    public DefinitionsFolder()
    {
        Path = Directory.CreateTempSubdirectory("datamesh-definitions-").FullName;
        var samples = System.IO.Path.Combine(AppContext.BaseDirectory, "Definitions");
        foreach (var file in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories))
        {
            var copy = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(samples, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    public string Path { get; }

    /// <summary>Replaces text that must occur exactly once, so that an edit can never silently miss.</summary>
    public DefinitionsFolder Replace(string file, string text, string replacement)
    {
        var path = System.IO.Path.Combine(Path, file);
        var content = File.ReadAllText(path);
        var at = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0 && content.IndexOf(text, at + 1, StringComparison.Ordinal) < 0, $"'{text}' must occur exactly once in {file}");
        File.WriteAllText(path, content.Remove(at, text.Length).Insert(at, replacement));
        return this;
    }

    public DefinitionsFolder Write(string file, string content)
    {
        var path = System.IO.Path.Combine(Path, file);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public DefinitionsFolder Delete(string file)
    {
        File.Delete(System.IO.Path.Combine(Path, file));
        return this;
    }

    public DataProductCatalogue Load() => DataProductCatalogueLoader.Load(Path);

    /// <summary>The problems loading reports, one line each as the exception message prints them.</summary>
    public IReadOnlyList<string> Errors()
    {
        var exception = Assert.Throws<DataProductDefinitionException>(Load);
        var lines = exception.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(lines, exception.Message.Split(Environment.NewLine).Skip(1));
        return lines;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
