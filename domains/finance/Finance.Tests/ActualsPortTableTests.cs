using System.Net;
using System.Net.Http.Json;
using DataMesh.Testing;
using Npgsql;

namespace Finance.Tests;

/// <summary>
/// The actuals SQL port's table (cost_center_actuals_v1.actuals) moves with the change that moves the figures, in its
/// transaction: a budget through the API and a hire through the input port are there when they return, and a change
/// that fails leaves the table as it was.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ActualsPortTableTests(PostgresServerFixture postgres)
{
    private static object Budget(string category = "marketing", decimal amount = 60000m) => new { costCenter = "CC-300", fiscalQuarter = "2026-Q4", category, amount };

    [Fact]
    public async Task A_budget_and_a_hire_update_the_ports_rows_before_they_return()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();

        Assert.Equal(HttpStatusCode.Created, (await finance.Client.PostAsJsonAsync("/api/finance/budgets", Budget())).StatusCode);
        Assert.Equal([("CC-300", "2026-Q4", 60000m, 0m, 0m, 60000m)], await RowsAsync(finance));

        var hired = await finance.DeliverAsync("employees", "hire-1", "EmployeeHired", new
        {
            employeeId = Guid.NewGuid(), name = "Ada Lovelace", email = "ada@datamesh.example", birthDate = "1985-12-10", title = "Engineer",
            department = "Engineering", costCenter = "CC-100", monthlySalary = 5000m, hiredOn = "2026-10-01",
        });
        Assert.Equal("SUCCESS", hired);
        Assert.Equal([("CC-100", "2026-Q4", 0m, 0m, 15000m, -15000m), ("CC-300", "2026-Q4", 60000m, 0m, 0m, 60000m)], await RowsAsync(finance));
    }

    [Fact]
    public async Task A_budget_that_fails_after_the_figures_were_written_leaves_the_ports_table_as_it_was()
    {
        await using var finance = await FinanceService.StartAsync(postgres);
        await finance.OpenCostCentersAsync();
        Assert.Equal(HttpStatusCode.Created, (await finance.Client.PostAsJsonAsync("/api/finance/budgets", Budget())).StatusCode);
        var before = await RowsAsync(finance);

        // The outbox refuses the actuals event: the port's row was written just before it, in the same transaction.
        await using (var connection = new NpgsqlConnection(finance.ConnectionString))
        {
            await connection.OpenAsync();
            await using var refuse = new NpgsqlCommand("""
                CREATE FUNCTION refuse_actuals_event() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN IF NEW.event_type = 'CostCenterActualsChanged' THEN RAISE EXCEPTION 'the outbox refuses'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_actuals_event BEFORE INSERT ON data_product_outbox FOR EACH ROW EXECUTE FUNCTION refuse_actuals_event();
                """, connection);
            await refuse.ExecuteNonQueryAsync();
        }

        var failed = await finance.Client.PostAsJsonAsync("/api/finance/budgets", Budget(category: "operations", amount: 1000m));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(before, await RowsAsync(finance));
    }

    private static async Task<List<(string CostCenter, string Quarter, decimal Budget, decimal Expenses, decimal Payroll, decimal Remaining)>> RowsAsync(FinanceService finance)
    {
        await using var connection = new NpgsqlConnection(finance.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT cost_center, fiscal_quarter, budget, expenses, payroll, remaining FROM cost_center_actuals_v1.actuals ORDER BY cost_center, fiscal_quarter", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, decimal, decimal, decimal, decimal)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetDecimal(5)));
        }

        return rows;
    }
}
