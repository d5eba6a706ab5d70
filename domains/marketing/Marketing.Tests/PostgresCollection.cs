using DataMesh.Testing;

namespace Marketing.Tests;

/// <summary>One real PostgreSQL server for all marketing tests; each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
