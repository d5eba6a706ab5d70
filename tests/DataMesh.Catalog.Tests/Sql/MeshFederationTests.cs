using DataMesh.Testing;
using Npgsql;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>
/// The catalog's mesh database on a real PostgreSQL server (<see cref="MeshScene"/>): one SQL session joins two domains'
/// products with the consumer's own login, and what it may read there is what each domain granted its role, nothing more.
/// </summary>
public sealed class MeshFederationTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private const string Join = """
        SELECT h.cost_center, h.employees, a.amount
          FROM hr_headcount_v1.headcount h JOIN finance_cost_center_actuals_v1.actuals a USING (cost_center)
         ORDER BY h.cost_center
        """;

    [Fact]
    public async Task A_consumer_granted_both_products_joins_them_in_one_query_with_its_own_login()
    {
        var scene = await FederatedAsync();
        var (role, password) = await scene.ConsumerAsync("analyst");
        await scene.GrantAsync(scene.Hr, "headcount_v1", role);
        await scene.GrantAsync(scene.Finance, "cost_center_actuals_v1", role);

        await scene.Federation.IssuedAsync(role, password, CancellationToken.None);

        await using var session = await scene.SignInAsync(role, password);
        Assert.Equal([("CC-100", 12, 1200.50m), ("CC-200", 3, 300.00m)], await JoinAsync(session));
    }

    [Fact]
    public async Task A_product_without_a_grant_answers_permission_denied_from_the_owning_domain()
    {
        var scene = await FederatedAsync();
        var (role, password) = await scene.ConsumerAsync("budgeter");
        await scene.GrantAsync(scene.Hr, "headcount_v1", role);
        // Another finance product: the consumer may connect to finance's database, not read cost-center actuals.
        await scene.GrantAsync(scene.Finance, "budgets_v1", role);
        await scene.Federation.IssuedAsync(role, password, CancellationToken.None);

        await using var session = await scene.SignInAsync(role, password);
        Assert.Equal(2L, await ScalarAsync(session, "SELECT count(*) FROM hr_headcount_v1.headcount h JOIN finance_budgets_v1.budgets b USING (cost_center)"));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => JoinAsync(session));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("cost_center_actuals_v1", refused.MessageText + refused.InternalQuery + refused.Detail + refused.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mesh_role_itself_reads_nothing_of_any_domain()
    {
        var scene = await FederatedAsync();
        await using var session = await scene.SignInAsync(scene.Mesh, scene.MeshPassword);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(session, "SELECT count(*) FROM hr_headcount_v1.headcount"));
        // No user mapping for the mesh role: postgres_fdw never connects.
        Assert.Equal(PostgresErrorCodes.UndefinedObject, refused.SqlState);
    }

    [Fact]
    public async Task After_rotation_the_mapping_carries_the_new_password()
    {
        var scene = await FederatedAsync();
        var (role, password) = await scene.ConsumerAsync("rotator");
        await scene.GrantAsync(scene.Hr, "headcount_v1", role);
        await scene.GrantAsync(scene.Finance, "cost_center_actuals_v1", role);
        await scene.Federation.IssuedAsync(role, password, CancellationToken.None);

        var rotated = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        await scene.RotateAsync(role, rotated);
        await using (var stale = await scene.SignInAsync(role, rotated))
        {
            // The role has its new password; the mappings still carry the old one until the catalog is told.
            var refused = await Assert.ThrowsAsync<PostgresException>(() => JoinAsync(stale));
            Assert.Equal("08001", refused.SqlState);
        }

        await scene.Federation.IssuedAsync(role, rotated, CancellationToken.None);

        await using var session = await scene.SignInAsync(role, rotated);
        Assert.Equal(2, (await JoinAsync(session)).Count);
    }

    [Fact]
    public async Task After_dropping_no_mapping_remains_and_the_role_can_be_dropped()
    {
        var scene = await FederatedAsync();
        var (role, password) = await scene.ConsumerAsync("leaver");
        await scene.Federation.IssuedAsync(role, password, CancellationToken.None);
        Assert.Equal(2L, await scene.ScalarAsync(scene.Mesh, $"SELECT count(*) FROM pg_user_mappings WHERE usename = '{role}'"));

        await scene.Federation.DroppingAsync(role, CancellationToken.None);

        Assert.Equal(0L, await scene.ScalarAsync(scene.Mesh, $"SELECT count(*) FROM pg_user_mappings WHERE usename = '{role}'"));
        await scene.ExecuteAsync("postgres", $"DROP ROLE \"{role}\"");
    }

    [Fact]
    public async Task Federating_again_changes_nothing_and_a_changed_port_is_made_again_with_its_grant()
    {
        var scene = await FederatedAsync();
        var before = await scene.ScalarAsync(scene.Mesh, "SELECT string_agg(c.oid::text, ',' ORDER BY c.relname) FROM pg_class c WHERE c.relkind = 'f'");
        await scene.Federation.EnsureServersAsync(CancellationToken.None);
        await scene.Federation.FederateAsync([MeshScene.Headcount(scene.Hr), MeshScene.Actuals(scene.Finance), MeshScene.Budgets(scene.Finance)], CancellationToken.None);
        Assert.Equal(before, await scene.ScalarAsync(scene.Mesh, "SELECT string_agg(c.oid::text, ',' ORDER BY c.relname) FROM pg_class c WHERE c.relkind = 'f'"));

        // A newer minor version of the contract adds a column: the table is made again, still granted to the group.
        await scene.ExecuteAsync(scene.Hr, $"SET ROLE \"{scene.Hr}\"", "ALTER TABLE headcount_v1.headcount ADD COLUMN contractors integer NOT NULL DEFAULT 1");
        var headcount = MeshScene.Headcount(scene.Hr);
        var wider = headcount with { Tables = [headcount.Tables[0] with { Columns = [.. headcount.Tables[0].Columns, new("contractors", "contractors", "integer")] }] };
        await scene.Federation.FederateAsync([wider], CancellationToken.None);

        var (role, password) = await scene.ConsumerAsync("wider");
        await scene.GrantAsync(scene.Hr, "headcount_v1", role);
        await scene.Federation.IssuedAsync(role, password, CancellationToken.None);
        await using var session = await scene.SignInAsync(role, password);
        Assert.Equal(2L, await ScalarAsync(session, "SELECT sum(contractors) FROM hr_headcount_v1.headcount"));
    }

    private async Task<MeshScene> FederatedAsync()
    {
        var scene = await MeshScene.CreateAsync(postgres);
        await scene.Federation.EnsureServersAsync(CancellationToken.None);
        await scene.Federation.FederateAsync([MeshScene.Headcount(scene.Hr), MeshScene.Actuals(scene.Finance), MeshScene.Budgets(scene.Finance)], CancellationToken.None);
        return scene;
    }

    private static async Task<List<(string, int, decimal)>> JoinAsync(NpgsqlConnection session)
    {
        await using var command = new NpgsqlCommand(Join, session);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, int, decimal)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetDecimal(2)));
        }

        return rows;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection session, string sql)
    {
        await using var command = new NpgsqlCommand(sql, session);
        return await command.ExecuteScalarAsync();
    }
}
