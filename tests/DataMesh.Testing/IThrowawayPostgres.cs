namespace DataMesh.Testing;

/// <summary>A PostgreSQL server that lives as long as a test fixture.</summary>
internal interface IThrowawayPostgres : IAsyncDisposable
{
    string ConnectionString { get; }

    string Kind { get; }
}
