namespace DataMesh.Contracts;

/// <summary>
/// The ODCS v3.1.0 server types. The mesh itself serves a contract through <see cref="Kafka"/> (events) and
/// <see cref="Api"/> (queries); every other type is read and written back as the contract states it, so a contract
/// another tool wrote (a warehouse table, files on object storage) is understood. Each member's written name and
/// fields are in <see cref="Model.ServerTypes"/>.
/// </summary>
public enum ContractServerType
{
    /// <summary>Events on a topic, published and delivered through Dapr pub/sub (Kafka behind it).</summary>
    Kafka,

    /// <summary>The HTTP query API of the producing domain.</summary>
    Api,

    Athena,
    Azure,
    BigQuery,
    ClickHouse,
    Databricks,
    Denodo,
    Dremio,
    DuckDb,
    Glue,
    CloudSql,
    Db2,
    Hive,
    Impala,
    Informix,
    Kinesis,
    Local,
    MySql,
    Oracle,

    /// <summary>PostgreSQL, written <c>postgresql</c>; the standard also takes <see cref="Postgres"/>, and each is written back as read.</summary>
    PostgreSql,

    /// <summary>PostgreSQL, written <c>postgres</c>.</summary>
    Postgres,
    Presto,
    PubSub,
    Redshift,
    S3,
    Sftp,
    Snowflake,
    SqlServer,
    Synapse,
    Trino,
    Vertica,
    Zen,

    /// <summary>A server of a kind the standard does not list, described with any of the common connection fields.</summary>
    Custom,
}
