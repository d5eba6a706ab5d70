using System.Text;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// The init script the PostgreSQL image runs on its first start, for clusters without CloudNativePG: each database
/// created owned by its own login role, whose password psql reads from the container's environment (the role's
/// Secret), so no password is written into the manifests.
/// </summary>
public static class PostgresInitScript
{
    /// <param name="sqlAccess">The mesh's SQL access, made after the databases as the AppHost makes it (MeshSqlAccess).</param>
    public static string Databases(IReadOnlyList<(string Database, string Role, string PasswordVariable)> databases,
        (MeshSqlAccessAnnotation Access, string PasswordVariable)? sqlAccess = null)
    {
        var script = new StringBuilder();
        script.Append("set -e\n");
        script.Append("psql -v ON_ERROR_STOP=1 --username \"$POSTGRES_USER\" --dbname postgres");
        foreach (var (_, role, variable) in databases)
        {
            script.Append($" \\\n  -v {Variable(role)}=\"${variable}\"");
        }

        if (sqlAccess is { } provisioner)
        {
            script.Append($" \\\n  -v {Variable(provisioner.Access.Provisioner)}=\"${provisioner.PasswordVariable}\"");
        }

        script.Append(" <<'SQL'\n");
        foreach (var (database, role, _) in databases)
        {
            script.Append($"CREATE ROLE \"{role}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'{Variable(role)}';\n");
            script.Append($"CREATE DATABASE \"{database}\" OWNER \"{role}\";\n");
            script.Append($"REVOKE ALL ON DATABASE \"{database}\" FROM PUBLIC;\n");
        }

        if (sqlAccess is { Access: var access })
        {
            var login = $"\"{access.Provisioner}\"";
            script.Append($"CREATE ROLE {login} LOGIN NOCREATEROLE NOSUPERUSER NOCREATEDB PASSWORD :'{Variable(access.Provisioner)}';\n");
            script.Append($"GRANT CONNECT ON DATABASE \"{access.Database}\" TO {login};\n");
            script.Append($"\\connect \"{access.Database}\"\n");
            script.Append($"CREATE EXTENSION IF NOT EXISTS {MeshSqlAccessAnnotation.ForeignDataWrapper};\n");
            script.Append($"GRANT USAGE ON FOREIGN DATA WRAPPER {MeshSqlAccessAnnotation.ForeignDataWrapper} TO \"{access.Owner}\";\n");
            // The group, the login creator and the provisioner's functions, as the AppHost's superuser step makes them.
            foreach (var statement in access.ConsumerLoginStatements())
            {
                script.Append(statement).Append(";\n");
            }

            script.Append($"GRANT CONNECT ON DATABASE \"{access.Database}\" TO \"{access.ConsumersGroup}\";\n");
        }

        script.Append("SQL\n");
        return script.ToString();
    }

    private static string Variable(string role) => $"{role.Replace('-', '_')}_password";
}
