using DataMesh.Quality;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.DataProducts.Tests.Quality;

/// <summary>
/// Rules measured against a real PostgreSQL table of six employees: one without an e-mail, one with an empty one, one
/// with 'N/A', one e-mail twice (with the same status), one status outside the allowed set.
/// </summary>
public sealed class QualityCheckTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Each_library_metric_measures_what_the_standard_describes()
    {
        await using var database = await EmployeesAsync();
        var contract = QualityContracts.Read(
            """
            - id: nulls
              metric: nullValues
              mustBe: 1
            - id: nulls-percent
              metric: nullValues
              unit: percent
              mustBeBetween: [16, 17]
            - id: missing
              metric: missingValues
              arguments:
                missingValues: [null, '', 'N/A']
              mustBe: 3
            - id: not-addresses
              metric: invalidValues
              arguments:
                pattern: '^[^@]+@[^@]+$'
              mustBe: 2
            - id: duplicates
              metric: duplicateValues
              mustBe: 1
            """,
            """
                  - id: rows
                    metric: rowCount
                    mustBe: 6
                  - id: duplicate-pairs
                    metric: duplicateValues
                    arguments:
                      properties: [email, status]
                    mustBe: 1
            """,
            """
            - id: statuses
              metric: invalidValues
              arguments:
                validValues: [active, terminated]
              mustBe: 1
            """);

        var results = await QualityCheck.RunAsync(database, contract);

        Assert.Equal(
            [
                ("rows", "employees", "rowCount", 6m),
                ("duplicate-pairs", "employees", "duplicateValues", 1m),
                ("nulls", "employees.email", "nullValues", 1m),
                ("nulls-percent", "employees.email", "nullValues", 16.6667m),
                ("missing", "employees.email", "missingValues", 3m),
                ("not-addresses", "employees.email", "invalidValues", 2m),
                ("duplicates", "employees.email", "duplicateValues", 1m),
                ("statuses", "employees.status", "invalidValues", 1m),
            ],
            results.Select(r => (r.Rule.Rule.Key, r.Rule.Element, r.Rule.Kind, r.Measured!.Value)));
        Assert.All(results, r => Assert.Equal(QualityOutcome.Passed, r.Outcome));
    }

    [Fact]
    public async Task A_kept_promise_passes_and_a_broken_one_fails_with_what_was_measured()
    {
        await using var database = await EmployeesAsync();
        var contract = QualityContracts.Read(
            """
            - id: addresses
              type: sql
              query: SELECT count(*) FROM {object} WHERE {property} LIKE '%@%'
              mustBeGreaterOrEqualTo: 3
            - id: no-nulls
              metric: nullValues
              mustBe: 0
            """,
            "      - id: table-has-rows\n        type: sql\n        query: SELECT count(*) > 0 FROM {table}\n        mustBe: true\n");

        var results = await QualityCheck.RunAsync(database, contract);

        Assert.Equal(
            [
                ("table-has-rows", QualityOutcome.Passed, 1m, "measured 1; expected mustBe 1"),
                ("addresses", QualityOutcome.Passed, 3m, "measured 3; expected mustBeGreaterOrEqualTo 3"),
                ("no-nulls", QualityOutcome.Failed, 1m, "measured 1 rows; expected mustBe 0"),
            ],
            results.Select(r => (r.Rule.Rule.Key, r.Outcome, r.Measured!.Value, r.Detail)));
    }

    [Fact]
    public async Task A_query_cannot_change_data_nor_hold_the_database_and_its_failure_is_an_error_not_a_verdict()
    {
        await using var database = await EmployeesAsync();
        var contract = QualityContracts.Read(
            """
            - id: deletes
              type: sql
              query: DELETE FROM {object} RETURNING 1
              mustBe: 0
            - id: slow
              type: sql
              query: SELECT count(*) FROM {object}, pg_sleep(5)
              mustBe: 6
            - id: two-values
              type: sql
              query: SELECT 1, 2
              mustBe: 1
            - id: no-table-column
              type: sql
              query: SELECT count(nothing) FROM {object}
              mustBe: 0
            """);

        var results = await QualityCheck.RunAsync(database, contract, new QualityCheckOptions { StatementTimeout = TimeSpan.FromMilliseconds(300) });

        Assert.Equal<(string, QualityOutcome, string)>(
            [
                ("schema[0].quality[0]", QualityOutcome.Passed, ""),
                ("deletes", QualityOutcome.Error, "PostgreSQL refused the query (25006): cannot execute DELETE in a read-only transaction"),
                ("slow", QualityOutcome.Error, "the query ran longer than 0.3 s and was cancelled"),
                ("two-values", QualityOutcome.Error, "the query answered 2 columns; it must answer one value"),
                ("no-table-column", QualityOutcome.Error, "PostgreSQL refused the query (42703): column \"nothing\" does not exist"),
            ],
            results.Select(r => (r.Rule.Rule.Key, r.Outcome, r.Outcome == QualityOutcome.Passed ? "" : r.Detail)).ToList());
        Assert.All(results.Where(r => r.Outcome == QualityOutcome.Error), r => Assert.Null(r.Measured));
        await using var count = database.CreateCommand("SELECT count(*) FROM employees");
        Assert.Equal(6L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_rule_on_an_object_that_names_no_table_is_an_error()
    {
        await using var database = await EmployeesAsync();
        var contract = QualityContracts.Read("- id: no-nulls\n  metric: nullValues\n  mustBe: 0");
        var eventObject = contract.Schema[0] with { PhysicalName = null };

        var result = Assert.Single(await QualityCheck.RunAsync(database, [new ContractQualityRule(contract, eventObject, eventObject.Properties[0], eventObject.Properties[0].Quality[0])]));

        Assert.Equal((QualityOutcome.Error, "schema object employees names no table (physicalName), so there is nothing to measure"), (result.Outcome, result.Detail));
    }

    /// <summary>A fresh database with the six employees; the columns are PascalCase, as EF Core names them.</summary>
    internal static async Task<NpgsqlDataSource> EmployeesAsync(PostgresServerFixture postgres) => NpgsqlDataSource.Create(await EmployeesDatabaseAsync(postgres));

    /// <summary>As <see cref="EmployeesAsync(PostgresServerFixture)"/>, as a connection string (with its password, which a data source's own string drops).</summary>
    internal static async Task<string> EmployeesDatabaseAsync(PostgresServerFixture postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync("quality");
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using var create = database.CreateCommand(
            """
            CREATE TABLE employees ("Id" integer PRIMARY KEY, "Email" text, "Status" text NOT NULL);
            INSERT INTO employees VALUES
                (1, 'ada@example.com', 'active'),
                (2, 'bob@example.com', 'active'),
                (3, NULL, 'terminated'),
                (4, '', 'active'),
                (5, 'N/A', 'on leave'),
                (6, 'ada@example.com', 'active');
            """);
        await create.ExecuteNonQueryAsync();
        return connectionString;
    }

    private Task<NpgsqlDataSource> EmployeesAsync() => EmployeesAsync(postgres);
}
