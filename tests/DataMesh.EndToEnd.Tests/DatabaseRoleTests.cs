using Npgsql;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// Least privilege on the mesh's shared PostgreSQL server: each service signs in as the role that owns its own
/// database, and that role gets nowhere else.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class DatabaseRoleTests(LocalMesh mesh)
{
    [Fact]
    public async Task A_domain_signs_in_as_its_own_role_which_owns_its_tables_and_cannot_connect_to_another_domains_database()
    {
        var hr = new NpgsqlConnectionStringBuilder(await mesh.App.GetConnectionStringAsync("hr-db"));
        Assert.Equal("hr", hr.Username);
        Assert.Equal("hr", hr.Database);

        Assert.False(await mesh.ScalarAsync<bool>("hr-db", "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = current_user"));
        // The service's migrations ran as its role: every table of its database is the role's.
        Assert.True(await mesh.ScalarAsync<long>("hr-db", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") > 0);
        Assert.Equal(0L, await mesh.ScalarAsync<long>("hr-db", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner <> current_user"));

        await using var elsewhere = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(hr.ConnectionString) { Database = "finance", Pooling = false }.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => elsewhere.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }
}
