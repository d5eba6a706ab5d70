namespace DataMesh.Tool.Tests;

/// <summary>A folder of the test's own, removed afterwards, for broken copies of the sample definitions and exports.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("datamesh-tool-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, string text)
    {
        var file = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        System.IO.File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Copies a folder's tree under <paramref name="name"/> and returns the copy's path.</summary>
    public string CopyFolder(string source, string name)
    {
        var target = File(name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
            System.IO.File.Copy(file, copy);
        }

        return target;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
