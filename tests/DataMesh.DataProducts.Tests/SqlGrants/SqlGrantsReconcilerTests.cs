using DataMesh.DataProducts.SqlPorts;
using DataMesh.DataProducts.SqlPorts.Grants;
using DataMesh.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DataMesh.DataProducts.Tests.SqlGrants;

/// <summary>
/// The domain's reconciliation against a real PostgreSQL: it runs as the domain's own role (owner, not superuser), and
/// each consumer connects with its own login role and password, so what it reads is what PostgreSQL allows it.
/// </summary>
public sealed class SqlGrantsReconcilerTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private const string Refused = PostgresErrorCodes.InsufficientPrivilege;
    private const string Headcount = $"SELECT headcount FROM {SqlPortDatabase.Schema}.headcount";
    private const string Departments = $"SELECT department FROM {SqlPortDatabase.Schema}.people";
    private const string Emails = $"SELECT email FROM {SqlPortDatabase.Schema}.people";
    private const string People = $"SELECT count(*) FROM (SELECT * FROM {SqlPortDatabase.Schema}.people) p";

    private readonly SqlGrantsReconciler reconciler = new(NullLogger<SqlGrantsReconciler>.Instance);

    [Fact]
    public async Task Before_approval_the_consumer_is_refused_by_PostgreSQL()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();

        await ApplyAsync(database);

        Assert.Equal(Refused, await database.ReadAsAsync(consumer, Headcount));
        Assert.Equal(Refused, await database.ReadAsAsync(consumer, Departments));
    }

    [Fact]
    public async Task A_grant_without_personal_data_reads_the_non_personal_columns_only()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();

        await ApplyAsync(database, new SqlGrant("analytics", consumer.Role, PersonalData: false));

        Assert.Equal("12", await database.ReadAsAsync(consumer, Headcount));
        Assert.Equal("research", await database.ReadAsAsync(consumer, Departments));
        Assert.Equal(Refused, await database.ReadAsAsync(consumer, Emails));
        Assert.Equal(Refused, await database.ReadAsAsync(consumer, People));
        Assert.True(await database.HoldsConnectAsync(consumer.Role));
    }

    [Fact]
    public async Task A_grant_with_personal_data_reads_the_personal_columns_too()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();

        await ApplyAsync(database, new SqlGrant("analytics", consumer.Role, PersonalData: true));

        Assert.Equal("ada@example.com", await database.ReadAsAsync(consumer, Emails));
        Assert.Equal("1", await database.ReadAsAsync(consumer, People));
    }

    [Fact]
    public async Task A_grant_narrowed_to_non_personal_data_loses_the_personal_column_at_the_next_reconciliation()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();
        await ApplyAsync(database, new SqlGrant("analytics", consumer.Role, PersonalData: true));

        await ApplyAsync(database, new SqlGrant("analytics", consumer.Role, PersonalData: false));

        Assert.Equal(Refused, await database.ReadAsAsync(consumer, Emails));
        Assert.Equal("research", await database.ReadAsAsync(consumer, Departments));
    }

    [Fact]
    public async Task A_revoked_grant_is_refused_again_after_one_reconciliation_and_loses_connect()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();
        var staying = await database.CreateConsumerAsync();
        await ApplyAsync(database, new SqlGrant("analytics", consumer.Role, PersonalData: true), new SqlGrant("finance", staying.Role, PersonalData: false));
        Assert.Equal("12", await database.ReadAsAsync(consumer, Headcount));

        await ApplyAsync(database, new SqlGrant("finance", staying.Role, PersonalData: false));

        Assert.Equal(Refused, await database.ReadAsAsync(consumer, Headcount));
        Assert.Equal(Refused, await database.ReadAsAsync(consumer, Departments));
        Assert.Equal(Refused, await database.ReadAsAsync(consumer, Emails));
        Assert.False(await database.HoldsConnectAsync(consumer.Role));
        Assert.Equal("12", await database.ReadAsAsync(staying, Headcount));
        Assert.True(await database.HoldsConnectAsync(staying.Role));
    }

    [Fact]
    public async Task A_role_never_granted_is_refused_even_when_someone_granted_it_by_hand()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var granted = await database.CreateConsumerAsync();
        var never = await database.CreateConsumerAsync();
        var schema = SqlIdentifier.Quote(SqlPortDatabase.Schema);
        await database.AsSuperuserAsync(
            $"GRANT USAGE ON SCHEMA {schema} TO PUBLIC",
            $"GRANT SELECT ON {schema}.headcount TO PUBLIC",
            $"GRANT USAGE ON SCHEMA {schema} TO {SqlIdentifier.Quote(never.Role)}",
            $"GRANT SELECT (email) ON {schema}.people TO {SqlIdentifier.Quote(never.Role)}");
        Assert.Equal("ada@example.com", await database.ReadAsAsync(never, Emails));

        await ApplyAsync(database, new SqlGrant("analytics", granted.Role, PersonalData: false));

        Assert.Equal(Refused, await database.ReadAsAsync(never, Headcount));
        Assert.Equal(Refused, await database.ReadAsAsync(never, Emails));
        Assert.Equal("12", await database.ReadAsAsync(granted, Headcount));
    }

    [Fact]
    public async Task A_consumer_granted_a_port_never_reads_the_public_schema()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();

        await ApplyAsync(database, new SqlGrant("analytics", consumer.Role, PersonalData: true));

        Assert.Equal(Refused, await database.ReadAsAsync(consumer, "SELECT data FROM public.data_product_outbox"));
    }

    [Fact]
    public async Task A_listed_role_that_does_not_exist_yet_is_skipped_and_the_others_are_granted()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();

        await ApplyAsync(database, new SqlGrant("later", "consumer_not_created_yet", PersonalData: true), new SqlGrant("analytics", consumer.Role, PersonalData: false));

        Assert.Equal("12", await database.ReadAsAsync(consumer, Headcount));
    }

    [Fact]
    public async Task A_listed_role_that_is_no_consumer_login_role_is_not_granted()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var outsider = await database.CreateConsumerAsync(inConsumersGroup: false);

        await ApplyAsync(database, new SqlGrant("analytics", outsider.Role, PersonalData: true), new SqlGrant("analytics", database.DomainRole, PersonalData: true));

        Assert.Equal(Refused, await database.ReadAsAsync(outsider, Headcount));
        Assert.False(await database.HoldsConnectAsync(outsider.Role));
    }

    [Fact]
    public async Task A_reconciliation_of_what_the_database_already_says_changes_nothing()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var consumer = await database.CreateConsumerAsync();
        var grant = new SqlGrant("analytics", consumer.Role, PersonalData: false);
        Assert.NotEmpty(await ApplyAsync(database, grant));

        Assert.Empty(await ApplyAsync(database, grant));
    }

    [Fact]
    public async Task Routines_in_the_port_schema_are_executed_by_no_consumer_so_a_security_definer_function_reveals_nothing()
    {
        var database = await SqlPortDatabase.CreateAsync(postgres);
        var granted = await database.CreateConsumerAsync();
        var never = await database.CreateConsumerAsync();
        var schema = SqlIdentifier.Quote(SqlPortDatabase.Schema);
        // What a migration may leave in a port's schema: PostgreSQL gives PUBLIC EXECUTE on every new function and procedure.
        await database.AsDomainAsync(
            $"CREATE FUNCTION {schema}.emails() RETURNS text LANGUAGE sql SECURITY DEFINER AS 'SELECT string_agg(email, '','') FROM {schema}.people'",
            $"CREATE FUNCTION {schema}.people_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM {schema}.people'",
            $"CREATE PROCEDURE {schema}.forget() LANGUAGE sql SECURITY DEFINER AS 'DELETE FROM {schema}.people'",
            $"GRANT EXECUTE ON FUNCTION {schema}.emails() TO {SqlIdentifier.Quote(never.Role)}");

        await ApplyAsync(database, new SqlGrant("analytics", granted.Role, PersonalData: false));

        Assert.Equal(Refused, await database.ReadAsAsync(granted, $"SELECT {schema}.emails()"));
        Assert.Equal(Refused, await database.ReadAsAsync(granted, $"SELECT {schema}.people_count()"));
        Assert.Equal(Refused, await database.ReadAsAsync(granted, $"CALL {schema}.forget()"));
        Assert.Equal("research", await database.ReadAsAsync(granted, Departments));
        foreach (var role in new[] { granted.Role, never.Role, "public" })
        {
            foreach (var routine in new[] { "emails()", "people_count()", "forget()" })
            {
                Assert.Equal("False", await database.ScalarAsSuperuserAsync(
                    $"SELECT has_function_privilege({SqlIdentifier.Literal(role)}, {SqlIdentifier.Literal($"{SqlPortDatabase.Schema}.{routine}")}, 'EXECUTE')"));
            }
        }

        Assert.Equal("1", await database.ScalarAsSuperuserAsync($"SELECT count(*) FROM {schema}.people"));
        Assert.Empty(await ApplyAsync(database, new SqlGrant("analytics", granted.Role, PersonalData: false)));
    }

    private async Task<IReadOnlyList<string>> ApplyAsync(SqlPortDatabase database, params SqlGrant[] grants)
    {
        await using var dataSource = NpgsqlDataSource.Create(database.Domain);
        return await reconciler.ApplyAsync(
            dataSource, SqlPortDatabase.Port, new SqlGrantsAnswer(SqlPortDatabase.DataProductId, grants), [SqlPortDatabase.Schema], CancellationToken.None);
    }
}
