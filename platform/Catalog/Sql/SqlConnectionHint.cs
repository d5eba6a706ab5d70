namespace DataMesh.Catalog.Sql;

/// <summary>
/// How one of the caller's consumers connects to a SQL port: the deployment's server, the contract's database, the consumer's role as user;
/// never a password (the one shown when the login was issued or last rotated).
/// </summary>
public sealed record SqlConnectionHint(string ConsumerId, string Role, string? Host, int? Port, string Database, string Schema)
{
    /// <summary>An Npgsql / ADO.NET connection string without the password.</summary>
    public string ConnectionString => $"Host={Host};Port={Port};Database={Database};Username={Role}";

    /// <summary>A libpq URI (psql, most drivers) without the password.</summary>
    public string Uri => $"postgresql://{System.Uri.EscapeDataString(Role)}@{Host}:{Port}/{System.Uri.EscapeDataString(Database)}";
}
