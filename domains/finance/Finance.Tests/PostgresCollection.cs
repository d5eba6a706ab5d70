using DataMesh.Testing;

namespace Finance.Tests;

/// <summary>One real PostgreSQL server for all finance tests; each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
