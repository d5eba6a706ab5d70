namespace DataMesh.Testing;

/// <summary>
/// A new temporary folder that an unprivileged account can enter: when tests run as root, PostgreSQL
/// runs as the 'postgres' account, and a private temporary folder would shut it out.
/// </summary>
public static class ServerReachableDirectory
{
    public static string Create(string prefix)
    {
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        return path;
    }
}
