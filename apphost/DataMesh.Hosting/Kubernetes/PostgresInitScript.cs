using System.Text;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// The init script the PostgreSQL image runs on its first start, for clusters without CloudNativePG: each database
/// created owned by its own login role, whose password psql reads from the container's environment (the role's
/// Secret), so no password is written into the manifests.
/// </summary>
public static class PostgresInitScript
{
    public static string Databases(IReadOnlyList<(string Database, string Role, string PasswordVariable)> databases)
    {
        var script = new StringBuilder();
        script.Append("set -e\n");
        script.Append("psql -v ON_ERROR_STOP=1 --username \"$POSTGRES_USER\" --dbname postgres");
        foreach (var (_, role, variable) in databases)
        {
            script.Append($" \\\n  -v {Variable(role)}=\"${variable}\"");
        }

        script.Append(" <<'SQL'\n");
        foreach (var (database, role, _) in databases)
        {
            script.Append($"CREATE ROLE \"{role}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'{Variable(role)}';\n");
            script.Append($"CREATE DATABASE \"{database}\" OWNER \"{role}\";\n");
            script.Append($"REVOKE ALL ON DATABASE \"{database}\" FROM PUBLIC;\n");
        }

        script.Append("SQL\n");
        return script.ToString();
    }

    private static string Variable(string role) => $"{role.Replace('-', '_')}_password";
}
