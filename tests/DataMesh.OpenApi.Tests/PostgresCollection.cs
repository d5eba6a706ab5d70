using DataMesh.Testing;

namespace DataMesh.OpenApi.Tests;

/// <summary>One real PostgreSQL server for every service these tests start.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "postgres";
}
