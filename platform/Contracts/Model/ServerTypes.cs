namespace DataMesh.Contracts.Model;

/// <summary>
/// What ODCS v3.1.0 says about each server type: the name it is written with and the connection fields it has,
/// the required ones first. A field the type does not list is not valid on a server of that type.
/// </summary>
public static class ServerTypes
{
    /// <summary>The fields every server has, whatever its type.</summary>
    public static IReadOnlyList<string> CommonFields { get; } = ["id", "server", "type", "description", "environment", "roles", "customProperties"];

    /// <summary>The connection fields whose value is a whole number (a port); every other connection field is text.</summary>
    public static IReadOnlySet<string> NumberFields { get; } = new HashSet<string> { Port };

    public const string Host = "host";
    public const string Port = "port";
    public const string Database = "database";
    public const string Schema = "schema";
    public const string Location = "location";
    public const string Format = "format";

    /// <summary>How an <c>sftp</c> server's location starts: the one connection field the standard constrains beyond its type.</summary>
    public const string SftpScheme = "sftp://";

    private static readonly IReadOnlyList<Spec> Specs =
    [
        new(ContractServerType.Kafka, "kafka", [Host], [Format]),
        new(ContractServerType.Api, "api", [Location], []),
        new(ContractServerType.Athena, "athena", ["stagingDir", Schema], ["catalog", "regionName"]),
        new(ContractServerType.Azure, "azure", [Location, Format], ["delimiter"]),
        new(ContractServerType.BigQuery, "bigquery", ["project", "dataset"], []),
        new(ContractServerType.ClickHouse, "clickhouse", [Host, Port, Database], []),
        new(ContractServerType.Databricks, "databricks", ["catalog", Schema], [Host]),
        new(ContractServerType.Denodo, "denodo", [Host, Port], [Database]),
        new(ContractServerType.Dremio, "dremio", [Host, Port], [Schema]),
        new(ContractServerType.DuckDb, "duckdb", [Database], [Schema]),
        new(ContractServerType.Glue, "glue", ["account", Database], [Location, Format]),
        new(ContractServerType.CloudSql, "cloudsql", [Host, Port, Database, Schema], []),
        new(ContractServerType.Db2, "db2", [Host, Port, Database], [Schema]),
        new(ContractServerType.Hive, "hive", [Host, Database], [Port]),
        new(ContractServerType.Impala, "impala", [Host, Database], [Port]),
        new(ContractServerType.Informix, "informix", [Host, Database], [Port]),
        new(ContractServerType.Kinesis, "kinesis", [], ["region", Format]),
        new(ContractServerType.Local, "local", ["path", Format], []),
        new(ContractServerType.MySql, "mysql", [Host, Port, Database], []),
        new(ContractServerType.Oracle, "oracle", [Host, Port, "serviceName"], []),
        new(ContractServerType.PostgreSql, "postgresql", [Host, Port, Database, Schema], []),
        new(ContractServerType.Postgres, "postgres", [Host, Port, Database, Schema], []),
        new(ContractServerType.Presto, "presto", [Host], ["catalog", Schema]),
        new(ContractServerType.PubSub, "pubsub", ["project"], []),
        new(ContractServerType.Redshift, "redshift", [Database, Schema], [Host, "region", "account"]),
        new(ContractServerType.S3, "s3", [Location], ["endpointUrl", Format, "delimiter"]),
        new(ContractServerType.Sftp, "sftp", [Location], [Format, "delimiter"]),
        new(ContractServerType.Snowflake, "snowflake", ["account", Database, Schema], [Host, Port, "warehouse"]),
        new(ContractServerType.SqlServer, "sqlserver", [Host, Database, Schema], [Port]),
        new(ContractServerType.Synapse, "synapse", [Host, Port, Database], []),
        new(ContractServerType.Trino, "trino", [Host, Port, "catalog", Schema], []),
        new(ContractServerType.Vertica, "vertica", [Host, Port, Database, Schema], []),
        new(ContractServerType.Zen, "zen", [Host, Database], [Port]),
        new(
            ContractServerType.Custom,
            "custom",
            [],
            [
                "account", "catalog", Database, "dataset", "delimiter", "endpointUrl", Format, Host, Location, "path", Port, "project",
                "region", "regionName", Schema, "serviceName", "stagingDir", "warehouse", "stream",
            ]),
    ];

    private static readonly IReadOnlyDictionary<ContractServerType, Spec> ByType = Specs.ToDictionary(s => s.Type);
    private static readonly IReadOnlyDictionary<string, Spec> ByName = Specs.ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Every type's written name, in the order the standard lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = Specs.Select(s => s.Name).ToList();

    /// <summary>The name <paramref name="type"/> is written with, e.g. <c>bigquery</c>.</summary>
    public static string NameOf(ContractServerType type) => ByType[type].Name;

    /// <summary>The type written as <paramref name="name"/>, or null when the standard has no such type.</summary>
    public static ContractServerType? Parse(string name) => ByName.TryGetValue(name, out var spec) ? spec.Type : null;

    /// <summary>The connection fields a server of <paramref name="type"/> must state.</summary>
    public static IReadOnlyList<string> RequiredFields(ContractServerType type) => ByType[type].Required;

    /// <summary>Every connection field a server of <paramref name="type"/> may state, the required ones first.</summary>
    public static IReadOnlyList<string> ConnectionFields(ContractServerType type) => [.. ByType[type].Required, .. ByType[type].Optional];

    /// <summary>Every connection field of any type: what a server whose type is unknown might state.</summary>
    public static IReadOnlyList<string> AllConnectionFields { get; } = Specs.SelectMany(s => s.Required.Concat(s.Optional)).Distinct().ToList();

    private sealed record Spec(ContractServerType Type, string Name, IReadOnlyList<string> Required, IReadOnlyList<string> Optional);
}
