using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DataMesh.Contracts;
using DataMesh.Testing;
using DataMesh.Tool.Test;
using Npgsql;

namespace DataMesh.Tool.Tests;

/// <summary>
/// <c>datamesh test</c>: which server, what it prints per check and its exit codes (with <see cref="TwoChecks"/> driving
/// the shell), HR's real contract measured on a real PostgreSQL where one of its rules holds and another does not, and
/// the answers of a query endpoint (a real HTTP server, <see cref="QueryEndpoint"/>) checked against the object the
/// contract says it serves: one endpoint whose answers keep the contract and one whose answers break it.
/// </summary>
public sealed class TestCommandTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private static readonly string Employees = Tool.InRepository("domains/hr/Hr/DataProducts/employees.odcs.yaml");

    [Fact]
    public void A_server_the_contract_does_not_have_is_unusable_input_naming_those_it_has()
    {
        var run = Tool.Run("test", Employees, "--server", "nowhere");

        Assert.Equal(ExitCodes.Unusable, run.Exit);
        Assert.Contains("no server 'nowhere' (the contract has employee-events, employee-api)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_database_nothing_is_checked_and_the_command_says_how_to_name_one()
    {
        var run = Tool.Run("test", Employees, "--server", "employee-api");

        Assert.Equal(ExitCodes.Unusable, run.Exit);
        Assert.Contains("nothing was checked against server 'employee-api'", run.Error, StringComparison.Ordinal);
        Assert.Contains($"give its connection string with --connection or {TestCommand.ConnectionVariable}", run.Error, StringComparison.Ordinal);
        Assert.Contains($"the location '{Location}' is a path: give the gateway's address with --base-url or {QueryAnswersRunner.BaseAddressVariable}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_gateways_address_the_answers_are_not_checked_and_the_command_says_how_to_name_it()
    {
        using var folder = new TemporaryFolder();
        var contract = ServedEmployees(folder, Location);

        var run = Tool.Run("test", contract, "--server", "employee-api");

        Assert.Equal(ExitCodes.Unusable, run.Exit);
        Assert.Contains($"the location '{Location}' is a path: give the gateway's address with --base-url or {QueryAnswersRunner.BaseAddressVariable}", run.Error, StringComparison.Ordinal);
    }

    private const string Location = "/api/hr/employees";

    private const string BrokenLocation = "/api/hr/employees-broken";

    /// <summary>Employees as the contract's <c>employees</c> object names them.</summary>
    private static JsonObject Employee(string id, string email, string status) => new() { ["employeeId"] = id, ["email"] = email, ["status"] = status };

    private static readonly Dictionary<string, JsonArray[]> Answers = new()
    {
        // Two pages, every item as the contract says.
        [Location] =
        [
            [Employee("e1", "ada@example.com", "Active"), Employee("e2", "alan@example.com", "Terminated")],
            [Employee("e3", "grace@example.com", "Active")],
        ],
        // The second page breaks it: a status outside Active/Terminated, a missing e-mail, a field the contract does not name.
        [BrokenLocation] =
        [
            [Employee("e1", "ada@example.com", "Active"), Employee("e2", "alan@example.com", "Terminated")],
            [
                Employee("e3", "grace@example.com", "On leave"),
                new JsonObject { ["employeeId"] = "e4", ["status"] = "Active" },
                new JsonObject { ["employeeId"] = "e5", ["email"] = "edsger@example.com", ["status"] = "Active", ["monthlySalary"] = 5400 },
            ],
        ],
    };

    /// <summary>
    /// HR's contract whose <c>employees</c> object, with the sample's <c>employee</c> answer object left out, says it is what
    /// <c>employee-api</c> answers, at <paramref name="location"/>: answers this test's endpoint can give in few fields.
    /// </summary>
    private static string ServedEmployees(TemporaryFolder folder, string location)
    {
        var text = File.ReadAllText(Employees);
        var (answer, end) = (text.IndexOf("  - name: employee\n", StringComparison.Ordinal), text.IndexOf("\nslaProperties:", StringComparison.Ordinal));
        Assert.InRange(answer, 0, end);
        text = text[..answer] + text[(end + 1)..];
        const string Anchor = "    description: The employees table the query endpoint answers from; the quality rules are measured on it.\n";
        Assert.Contains(Anchor, text, StringComparison.Ordinal);
        text = text.Replace(Anchor, Anchor + $"""
                customProperties:
                  - property: {QueryAnswersRunner.ServedByProperty}
                    value: employee-api

            """, StringComparison.Ordinal)
            .Replace($"location: {Location}\n", $"location: {location}\n", StringComparison.Ordinal);
        return folder.Write("employees.odcs.yaml", text);
    }

    [Fact]
    public async Task A_query_endpoint_whose_answers_keep_the_contract_passes_on_every_page()
    {
        await using var endpoint = await QueryEndpoint.StartAsync(Answers);
        using var folder = new TemporaryFolder();
        var contract = ServedEmployees(folder, Location);

        var run = Tool.Run("test", contract, "--server", "employee-api", "--base-url", endpoint.Address.ToString(), "--api-key", QueryEndpoint.Key);

        Assert.True(run.Exit == ExitCodes.Clean, run.Output + run.Error);
        Assert.Contains($"  pass answers of employee-api ({Location}) as employees: 3 item(s) on 2 page(s) match the contract", run.Output, StringComparison.Ordinal);
        Assert.Contains($"  skip {QualityRulesRunner.Check}: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 check(s) passed, 1 skipped.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_endpoint_whose_answers_break_the_contract_fails_naming_item_field_and_reason()
    {
        await using var endpoint = await QueryEndpoint.StartAsync(Answers);
        using var folder = new TemporaryFolder();
        var contract = ServedEmployees(folder, BrokenLocation);

        var run = Tool.Run("test", contract, "--server", "employee-api", "--base-url", endpoint.Address.ToString(), "--api-key", QueryEndpoint.Key);

        Assert.True(run.Exit == ExitCodes.Findings, run.Output + run.Error);
        var line = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("  FAIL answers of employee-api", StringComparison.Ordinal));
        Assert.Contains($"({BrokenLocation}) as employees: 3 violation(s) in 5 item(s) on 2 page(s): ", line, StringComparison.Ordinal);
        Assert.Contains("items[2].status: ", line, StringComparison.Ordinal);
        Assert.Contains("Active, Terminated", line, StringComparison.Ordinal);
        Assert.Contains("items[3].email: ", line, StringComparison.Ordinal);
        Assert.Contains("items[4].monthlySalary: is not a field of the contract", line, StringComparison.Ordinal);
        Assert.Contains("1 of 1 check(s) failed, 1 skipped.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_endpoint_that_refuses_the_call_fails_with_its_status_and_problem()
    {
        await using var endpoint = await QueryEndpoint.StartAsync(Answers);
        using var folder = new TemporaryFolder();
        var contract = ServedEmployees(folder, Location);

        var run = Tool.Run("test", contract, "--server", "employee-api", "--base-url", endpoint.Address.ToString(), "--api-key", "not-the-key");

        Assert.True(run.Exit == ExitCodes.Findings, run.Output + run.Error);
        Assert.Contains(
            $"  FAIL answers of employee-api ({Location}) as employees: GET {new Uri(endpoint.Address, Location)} answered 401 Unauthorized: send the key the catalog issued you in the X-Api-Key header",
            run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hrs_rules_on_a_real_database_pass_where_kept_and_fail_where_broken()
    {
        var connectionString = await postgres.CreateDatabaseAsync("quality");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            // The employees table as HR's contract describes it: unique e-mails (kept), one status outside Active/Terminated (broken).
            await using var setup = new NpgsqlCommand("""
                CREATE TABLE employees ("Id" text PRIMARY KEY, "Email" text NOT NULL, "Status" text NOT NULL, "HiredOn" date NOT NULL, "LastDay" date);
                INSERT INTO employees VALUES ('e1', 'ada@example.com', 'Active', '2024-01-01', NULL),
                                             ('e2', 'alan@example.com', 'On leave', '2024-02-01', NULL);
                """, connection);
            await setup.ExecuteNonQueryAsync();
        }

        var run = Tool.Run("test", Employees, "--server", "employee-api", "--connection", connectionString);

        Assert.True(run.Exit == ExitCodes.Findings, run.Output + run.Error);
        Assert.Contains("  pass employees.email duplicateValues (email-unique): measured 0", run.Output, StringComparison.Ordinal);
        Assert.Contains("  FAIL employees.status invalidValues (status-known): measured 1", run.Output, StringComparison.Ordinal);
        Assert.Contains("  pass employees sql (leavers-left-after-hire)", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 3 check(s) failed, 1 skipped.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_check_is_a_line_and_a_failed_check_exits_one()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = DataMeshCommand.Run(["test", Employees, "--server", "employee-api"], output, error, Styles.Plain, new TwoChecks());

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Contains("Contract hr.employees.events 1.0.0, server employee-api", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("  pass rowCount: 3 rows, at least 1", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("  FAIL nullValues: 2 nulls in email, at most 0", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 of 2 check(s) failed.", output.ToString(), StringComparison.Ordinal);
    }

    private sealed class TwoChecks : IContractTestRunner
    {
        public async IAsyncEnumerable<ContractCheckResult> RunAsync(DataContract contract, ContractServer server, ContractTestTarget target, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            yield return new("rowCount", true, "3 rows, at least 1");
            yield return new("nullValues", false, "2 nulls in email, at most 0");
        }
    }
}
