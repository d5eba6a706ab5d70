using DataMesh.Testing;

namespace Domain1.Tests;

/// <summary>One real PostgreSQL server for all the domain's tests; each test takes its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
