using DataMesh.Contracts.Model;

namespace DataMesh.Contracts;

/// <summary>
/// An ODCS <c>servers</c> entry of any type the standard lists. The connection fields most code needs are typed
/// members (<see cref="Host"/>, <see cref="Port"/>, <see cref="Database"/>, <see cref="Schema"/>,
/// <see cref="Location"/>, <see cref="Format"/>); every other field of the type (a warehouse's <c>account</c>, a
/// BigQuery <c>project</c>, …) is in <see cref="Settings"/>, so nothing the contract states is lost.
/// <para>
/// A <c>kafka</c> server's <see cref="Host"/> (the bootstrap server, which ODCS requires) is written as <c>kafka</c>,
/// the name of the Aspire resource and connection string (<c>ConnectionStrings:kafka</c>) that resolves to the broker
/// in each deployment: Dapr pub/sub owns the real address. Its <see cref="Topic"/> is not a server field in ODCS: it
/// is the <c>physicalName</c> the contract's schema objects share (<c>physicalType: topic</c>), given here so code
/// finds it with the server. An <c>api</c> server's <see cref="Location"/> is the query endpoint, usually a path under
/// the gateway such as <c>/api/hr/employees</c>, since service discovery supplies the host.
/// </para>
/// </summary>
public sealed record ContractServer(string Server, ContractServerType Type, DefinitionSource Source)
{
    /// <summary>A PostgreSQL server, written either way ODCS allows (<c>postgres</c>, <c>postgresql</c>): a SQL output port's.</summary>
    public bool IsPostgres => Type is ContractServerType.Postgres or ContractServerType.PostgreSql;

    /// <summary>The standard's stable <c>id</c> of the entry, when one is written.</summary>
    public string? Id { get; init; }

    public string? Description { get; init; }

    /// <summary>Free text such as <c>prod</c> or <c>dev</c>.</summary>
    public string? Environment { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public string? Database { get; init; }

    public string? Schema { get; init; }

    /// <summary>A URI (object storage, SFTP, an API's endpoint); the mesh's api servers write a path under the gateway.</summary>
    public string? Location { get; init; }

    /// <summary>The data format, e.g. <c>json</c>, <c>avro</c>, <c>parquet</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The topic of a <c>kafka</c> server: the schema objects' shared <c>physicalName</c> (not a server field in ODCS).</summary>
    public string? Topic { get; init; }

    /// <summary>The type's other connection fields as written (e.g. <c>project</c>, <c>dataset</c>, <c>account</c>, <c>warehouse</c>), in file order.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The IAM roles that have access to the server.</summary>
    public IReadOnlyList<Role> Roles { get; init; } = [];

    public IReadOnlyList<CustomProperty> CustomProperties { get; init; } = [];

    /// <summary>The type as the contract writes it, e.g. <c>postgres</c>.</summary>
    public string TypeName => ServerTypes.NameOf(Type);
}
