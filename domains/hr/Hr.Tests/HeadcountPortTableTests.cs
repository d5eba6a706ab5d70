using System.Net;
using System.Net.Http.Json;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hr.Tests;

/// <summary>
/// The headcount SQL port's table (headcount_v1.headcount) moves with the change that moves the figures, in its
/// transaction: the row is there when the command returns, and a change that fails leaves it as it was.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class HeadcountPortTableTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task A_hire_and_a_termination_update_the_ports_row_before_the_command_answers()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();

        var hired = await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering, hiredOn: "2026-03-02"));
        Assert.Equal(HttpStatusCode.Created, hired.StatusCode);
        Assert.Equal([("Engineering", "2026-03", 1, 1, 0)], await RowsAsync(hr));

        var terminate = new HttpRequestMessage(HttpMethod.Post, $"{hired.Headers.Location}/termination") { Content = JsonContent.Create(new { reason = "resignation", lastDay = "2026-03-20" }) };
        terminate.Headers.IfMatch.Add(hired.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await hr.Client.SendAsync(terminate)).StatusCode);
        Assert.Equal([("Engineering", "2026-03", 0, 1, 1)], await RowsAsync(hr));
    }

    [Fact]
    public async Task A_hire_that_fails_after_the_figures_were_written_leaves_the_ports_table_as_it_was()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();
        Assert.Equal(HttpStatusCode.Created, (await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering, hiredOn: "2026-03-02"))).StatusCode);
        var before = await RowsAsync(hr);

        // The outbox refuses the headcount event, as a full disk or a lost connection would: the port's row was
        // written just before it, in the same transaction, so it must go back with it.
        await ExecuteAsync(hr, """
            CREATE FUNCTION refuse_headcount_event() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF NEW.event_type = 'HeadcountChanged' THEN RAISE EXCEPTION 'the outbox refuses'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER refuse_headcount_event BEFORE INSERT ON data_product_outbox FOR EACH ROW EXECUTE FUNCTION refuse_headcount_event();
            """);
        var failed = await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering, email: "alan@datamesh.example", hiredOn: "2026-03-09"));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(before, await RowsAsync(hr));
        await using var db = hr.Database();
        Assert.Equal(1, await db.Employees.CountAsync());
    }

    private static async Task<List<(string Department, string Month, int Headcount, int Hires, int Leavers)>> RowsAsync(HrService hr)
    {
        await using var connection = await OpenAsync(hr);
        await using var command = new NpgsqlCommand("SELECT department, month, headcount, hires, leavers FROM headcount_v1.headcount ORDER BY department, month", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, int, int, int)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(HrService hr, string sql)
    {
        await using var connection = await OpenAsync(hr);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(HrService hr)
    {
        var connection = new NpgsqlConnection(hr.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
