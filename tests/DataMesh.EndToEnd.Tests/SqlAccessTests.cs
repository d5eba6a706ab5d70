using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.DataProducts.Publishing;
using DataMesh.DataProducts.Subscribing;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// SQL output ports on the running mesh, read with Npgsql and the credentials the catalog issues: the owning domain's
/// PostgreSQL grants what the catalog's grants say, and refuses the rest itself (SQLSTATE 42501); the catalog's <c>mesh</c>
/// database joins products of two domains in one session; revocations take effect within seconds. Each test makes its
/// own consumer of the analytics team (no domain's), so they do not depend on each other's order.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class SqlAccessTests(LocalMesh mesh)
{
    /// <summary>
    /// How long a grant or a revocation may take to reach PostgreSQL: the catalog's event, the domain's reconciliation and
    /// a loaded machine. The domains here read grants unasked only every <see cref="LocalMesh.SqlGrantsInterval"/> (an hour),
    /// so a pass is the event's doing, not the timer's.
    /// </summary>
    private static readonly TimeSpan EventPath = TimeSpan.FromSeconds(20);

    /// <summary>The catalog's retries of a revoked login's drop (every 10 s) after the domains' revocations, on a loaded machine.</summary>
    private static readonly TimeSpan Dropped = TimeSpan.FromSeconds(45);

    /// <summary>The catalog's federation round after a start (the ports' foreign tables), on a loaded machine.</summary>
    private static readonly TimeSpan Federated = TimeSpan.FromSeconds(60);

    private const string Headcount = "SELECT department, month, headcount, hires, leavers FROM headcount_v1.headcount ORDER BY department, month";

    [Fact]
    public async Task A_login_reads_a_port_from_its_approval_until_its_revocation_and_postgresql_refuses_it_before_and_after()
    {
        using var administrator = await mesh.SignedInAdministratorAsync();
        var consumer = await GrantedConsumer.RegisterAsync(administrator);
        var login = await IssueLoginAsync(administrator, consumer);

        // No grant in HR's database: HR's database does not even take the connection (no CONNECT, neither the role's nor PUBLIC's).
        AssertRefused(await RefusalAsync(login, "hr", Headcount), "permission denied for database \"hr\"");

        var request = await GrantAsync(administrator, consumer, "hr.headcount", personalData: false);
        await UntilReadableAsync(login, "hr", Headcount, "the approved grant of hr.headcount");
        var read = await ReadAsync(login, "hr", Headcount);
        Assert.NotEmpty(read);
        Assert.Equal(await OwnerReadsAsync("hr-db", Headcount), read);

        using var hr = mesh.Gateway("hr");
        await GrantedConsumer.SendOkAsync(hr, HttpMethod.Post, $"/api/catalog/v1/access-requests/{request}/revoke", new { note = "no longer needed" });
        await UntilRefusedAsync(login, "hr", Headcount, "the revoked grant of hr.headcount");
        // It held nothing else in HR's database, so HR took CONNECT back in the same transaction. (The first refusal seen may
        // name the table or the schema: a session that signed in before that transaction committed meets it at its statement.)
        AssertRefused(await RefusalAsync(login, "hr", Headcount), "permission denied for database \"hr\"");
    }

    [Fact]
    public async Task A_grant_without_personal_data_reads_the_other_columns_and_a_grant_with_it_reads_them_all()
    {
        using var administrator = await mesh.SignedInAdministratorAsync();
        var withoutPersonal = await ConsumerWithLoginAsync(administrator, ("hr.employees", false));
        var withPersonal = await ConsumerWithLoginAsync(administrator, ("hr.employees", true));
        const string NotPersonal = "SELECT employee_id, title, department, cost_center, monthly_salary, hired_on, status, last_day, termination_reason FROM employees_v1.employees ORDER BY employee_id";

        await UntilReadableAsync(withoutPersonal, "hr", NotPersonal, "the grant of hr.employees without personal data");
        Assert.Equal(await OwnerReadsAsync("hr-db", NotPersonal), await ReadAsync(withoutPersonal, "hr", NotPersonal));
        // The personal columns of hr.employees.tables (pii: name, email, birthDate), each refused by PostgreSQL, and so is '*'.
        foreach (var personal in new[] { "name", "email", "birth_date", "*" })
        {
            AssertRefused(await RefusalAsync(withoutPersonal, "hr", $"SELECT {personal} FROM employees_v1.employees"), "permission denied for view employees");
        }

        const string Everything = "SELECT * FROM employees_v1.employees ORDER BY employee_id";
        await UntilReadableAsync(withPersonal, "hr", Everything, "the grant of hr.employees with personal data");
        var all = await ReadAsync(withPersonal, "hr", Everything);
        Assert.NotEmpty(all);
        Assert.Equal(await OwnerReadsAsync("hr-db", Everything), all);
        Assert.All(await ReadAsync(withPersonal, "hr", "SELECT email FROM employees_v1.employees"), row => Assert.Contains('@', (string)row[0]));
    }

    [Fact]
    public async Task A_login_granted_one_product_reads_no_other_product_no_operational_table_no_outbox_or_inbox_and_no_other_domain()
    {
        using var administrator = await mesh.SignedInAdministratorAsync();
        var login = await ConsumerWithLoginAsync(administrator, ("hr.headcount", false));
        await UntilReadableAsync(login, "hr", Headcount, "the grant of hr.headcount");

        // HR's other product, in the same database: its schema is closed to this login.
        AssertRefused(await RefusalAsync(login, "hr", "SELECT employee_id FROM employees_v1.employees"), "permission denied for schema employees_v1");
        // HR's operational tables and its outbox and inbox, in schema public: closed to every consumer.
        foreach (var table in new[] { "employees", "departments", OutboxModel.TableName, InboxModel.TableName })
        {
            AssertRefused(await RefusalAsync(login, "hr", $"SELECT count(*) FROM public.{table}"), "permission denied for schema public");
        }

        // Finance's database, products and operational tables alike: it holds no grant there, so finance does not take the connection.
        AssertRefused(await RefusalAsync(login, "finance", "SELECT count(*) FROM cost_center_actuals_v1.actuals"), "permission denied for database \"finance\"");
    }

    [Fact]
    public async Task Inside_a_domain_a_product_without_a_grant_answers_permission_denied()
    {
        using var administrator = await mesh.SignedInAdministratorAsync();
        var login = await ConsumerWithLoginAsync(administrator, ("finance.budgets", false));
        await UntilReadableAsync(login, "finance", "SELECT count(*) FROM budgets_v1.budgets", "the grant of finance.budgets");

        AssertRefused(await RefusalAsync(login, "finance", "SELECT count(*) FROM cost_center_actuals_v1.actuals"), "permission denied for schema cost_center_actuals_v1");
        foreach (var table in new[] { OutboxModel.TableName, InboxModel.TableName })
        {
            AssertRefused(await RefusalAsync(login, "finance", $"SELECT count(*) FROM public.{table}"), "permission denied for schema public");
        }
    }

    [Fact]
    public async Task The_mesh_database_joins_two_granted_products_of_two_domains_in_one_query_and_refuses_the_others()
    {
        using var administrator = await mesh.SignedInAdministratorAsync();
        var login = await ConsumerWithLoginAsync(administrator, ("hr.headcount", false), ("finance.cost-center-actuals", false));
        Assert.Equal("mesh", login.Databases[0]);

        // Per fiscal quarter, HR's person-months (each month's headcount, summed over the quarter) beside finance's payroll.
        const string Joined = """
            SELECT a.fiscal_quarter, h.person_months, a.payroll
            FROM (SELECT fiscal_quarter, sum(payroll) AS payroll FROM finance_cost_center_actuals_v1.actuals GROUP BY fiscal_quarter) a
            JOIN (SELECT left(month, 4) || '-Q' || ((substr(month, 6, 2)::int + 2) / 3) AS fiscal_quarter, sum(headcount) AS person_months
                  FROM hr_headcount_v1.headcount GROUP BY 1) h USING (fiscal_quarter)
            ORDER BY a.fiscal_quarter
            """;
        await UntilReadableAsync(login, "mesh", Joined, "both grants, through the mesh database's foreign tables", Federated);
        var joined = await ReadAsync(login, "mesh", Joined);

        var personMonths = (await OwnerReadsAsync("hr-db", Headcount)).GroupBy(row => Quarter((string)row[1])).ToDictionary(g => g.Key, g => g.Sum(row => Convert.ToDecimal(row[2])));
        var payroll = (await OwnerReadsAsync("finance-db", "SELECT fiscal_quarter, payroll FROM cost_center_actuals_v1.actuals"))
            .GroupBy(row => (string)row[0]).ToDictionary(g => g.Key, g => g.Sum(row => Convert.ToDecimal(row[1])));
        var expected = payroll.Keys.Intersect(personMonths.Keys).Order(StringComparer.Ordinal).Select(quarter => (quarter, personMonths[quarter], payroll[quarter])).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, joined.Select(row => ((string)row[0], Convert.ToDecimal(row[1]), Convert.ToDecimal(row[2]))).ToList());

        // Finance takes the connection (a grant there) and refuses the product not granted; HR likewise.
        AssertRefused(await RefusalAsync(login, "mesh", "SELECT count(*) FROM finance_budgets_v1.budgets"), "permission denied for schema budgets_v1");
        AssertRefused(await RefusalAsync(login, "mesh", "SELECT count(*) FROM hr_employees_v1.employees"), "permission denied for schema employees_v1");
        // Marketing, where it holds no grant at all, does not take postgres_fdw's connection.
        var marketing = await RefusalAsync(login, "mesh", "SELECT count(*) FROM marketing_campaigns_v1.campaigns");
        Assert.True(marketing.SqlState == PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection, $"Expected {PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection}, got {marketing.SqlState}: {marketing.MessageText} {marketing.Detail}");
        Assert.Contains("permission denied for database \"marketing\"", marketing.Detail ?? marketing.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_login_can_no_longer_connect_and_its_role_is_dropped_once_the_domains_revoked_its_grants()
    {
        using var administrator = await mesh.SignedInAdministratorAsync();
        var login = await ConsumerWithLoginAsync(administrator, ("hr.headcount", false));
        await UntilReadableAsync(login, "hr", Headcount, "the grant of hr.headcount");
        // A session open before the revocation, as a BI tool keeps one.
        await using var open = Connection(login, "hr");
        await open.OpenAsync();
        Assert.NotEmpty(await RowsAsync(open, Headcount));

        await GrantedConsumer.SendOkAsync(administrator, HttpMethod.Post, $"/api/catalog/v1/consumers/{login.ConsumerId}/sql-login/revoke", new { });

        // At once: the open session is ended (the provisioner's disable function signals it) ...
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => RowsAsync(open, Headcount));

        // ... and no new session, in the domain's database or the mesh database.
        foreach (var database in new[] { "hr", "mesh" })
        {
            AssertRefused(await RefusalAsync(login, database, "SELECT 1"), $"""role "{login.Role}" is not permitted to log in""", PostgresErrorCodes.InvalidAuthorizationSpecification);
        }

        // Then HR revokes what it granted (told by the catalog's event) and the catalog drops the role.
        await Eventually.TrueAsync(
            async () => await mesh.ScalarAsync<long>("hr-db", "SELECT count(*) FROM pg_roles WHERE rolname = @role", ("role", login.Role)) == 0,
            Dropped,
            () => $"The role {login.Role} still exists {Dropped} after its login was revoked.");
        var facts = await administrator.GetFromJsonAsync<JsonElement>($"/api/catalog/v1/consumers/{login.ConsumerId}/sql-login");
        Assert.Equal("Dropped", facts.GetProperty("state").GetString(), ignoreCase: true);
    }

    /// <summary>A new consumer of the analytics team with a login, then its grants, each approved by the product's owner team.</summary>
    private async Task<IssuedLogin> ConsumerWithLoginAsync(HttpClient administrator, params (string DataProductId, bool PersonalData)[] grants)
    {
        var consumer = await GrantedConsumer.RegisterAsync(administrator);
        var login = await IssueLoginAsync(administrator, consumer);
        foreach (var (dataProductId, personalData) in grants)
        {
            await GrantAsync(administrator, consumer, dataProductId, personalData);
        }

        return login;
    }

    private static async Task<IssuedLogin> IssueLoginAsync(HttpClient administrator, string consumerId)
    {
        using var answer = await administrator.PostAsJsonAsync($"/api/catalog/v1/consumers/{consumerId}/sql-login", new { });
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"No login for {consumerId}: {(int)answer.StatusCode} {body}");
        return JsonSerializer.Deserialize<IssuedLogin>(body, JsonSerializerOptions.Web)!;
    }

    private async Task<string> GrantAsync(HttpClient administrator, string consumerId, string dataProductId, bool personalData)
    {
        using var owner = mesh.Gateway(dataProductId.Split('.')[0]);
        return await GrantedConsumer.GrantAsync(administrator, owner, consumerId, dataProductId, personalData);
    }

    private static NpgsqlConnection Connection(IssuedLogin login, string database) => new(new NpgsqlConnectionStringBuilder
    {
        Host = login.Host,
        Port = login.Port,
        Database = database,
        Username = login.Role,
        Password = login.Password,
        // Every read is a new session: what PostgreSQL decides at sign-in (CONNECT, LOGIN) is decided again each time.
        Pooling = false,
        Timeout = 15,
        IncludeErrorDetail = true,
    }.ConnectionString);

    /// <summary>Every row <paramref name="sql"/> answers the login, each as its values.</summary>
    private static async Task<List<object[]>> ReadAsync(IssuedLogin login, string database, string sql)
    {
        await using var connection = Connection(login, database);
        await connection.OpenAsync();
        return await RowsAsync(connection, sql);
    }

    /// <summary>What the owning domain's own role reads (its connection, <c>hr-db</c>): the port as the domain keeps it.</summary>
    private async Task<List<object[]>> OwnerReadsAsync(string connectionName, string sql)
    {
        await using var connection = new NpgsqlConnection(await mesh.App.GetConnectionStringAsync(connectionName));
        await connection.OpenAsync();
        return await RowsAsync(connection, sql);
    }

    private static async Task<List<object[]>> RowsAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>The refusal PostgreSQL answers the login's <paramref name="sql"/> with, whether at sign-in or at the statement.</summary>
    private static async Task<PostgresException> RefusalAsync(IssuedLogin login, string database, string sql) =>
        await Assert.ThrowsAsync<PostgresException>(() => ReadAsync(login, database, sql));

    private static void AssertRefused(PostgresException refusal, string message, string sqlState = PostgresErrorCodes.InsufficientPrivilege)
    {
        Assert.True(refusal.SqlState == sqlState, $"Expected SQLSTATE {sqlState}, got {refusal.SqlState}: {refusal.MessageText}");
        Assert.Equal(message, refusal.MessageText);
    }

    private static async Task UntilReadableAsync(IssuedLogin login, string database, string sql, string what, TimeSpan? timeout = null)
    {
        PostgresException? last = null;
        var deadline = timeout ?? EventPath;
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await ReadAsync(login, database, sql);
                    return true;
                }
                catch (PostgresException refused)
                {
                    last = refused;
                    return false;
                }
            },
            deadline,
            () => $"{login.Role} could not read in {database} {deadline} after {what}: {last?.SqlState} {last?.MessageText} {last?.Detail}");
    }

    private static async Task UntilRefusedAsync(IssuedLogin login, string database, string sql, string what) =>
        await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    await ReadAsync(login, database, sql);
                    return false;
                }
                catch (PostgresException refused) when (refused.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    return true;
                }
            },
            EventPath,
            () => $"{login.Role} still read in {database} {EventPath} after {what}.");

    /// <summary>The fiscal quarter of a month written yyyy-MM, as finance writes it (2026-Q4).</summary>
    private static string Quarter(string month) => $"{month[..4]}-Q{(int.Parse(month[5..], System.Globalization.CultureInfo.InvariantCulture) + 2) / 3}";

    /// <summary>The catalog's answer to an issued or rotated login (IssuedSqlLogin): the password shown once.</summary>
    private sealed record IssuedLogin(string ConsumerId, string Role, string Password, string Host, int Port, IReadOnlyList<string> Databases);
}
