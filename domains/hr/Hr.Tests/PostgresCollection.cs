using DataMesh.Testing;

namespace Hr.Tests;

/// <summary>One real PostgreSQL server for all HR tests; each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
