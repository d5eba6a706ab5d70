using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Hr.Tests;

[Collection(PostgresCollection.Name)]
public sealed class EmployeesApiTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Hiring_stores_the_employee_and_publishes_the_hire_and_the_new_headcount_in_the_outbox()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();

        var response = await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/hr/employees/{id}", response.Headers.Location!.OriginalString);
        var read = await hr.Client.GetFromJsonAsync<JsonElement>($"/api/hr/employees/{id}");
        Assert.Equal("Engineering", read.GetProperty("department").GetString());
        Assert.Equal("CC-100", read.GetProperty("costCenter").GetString());
        Assert.Equal("active", read.GetProperty("status").GetString());

        var outbox = await hr.OutboxAsync();
        Assert.Equal(["EmployeeHired", "HeadcountChanged"], outbox.Select(e => e.EventType));
        var hired = JsonDocument.Parse(outbox[0].Data).RootElement;
        Assert.Equal(id, hired.GetProperty("employeeId").GetGuid());
        Assert.Equal(5400m, hired.GetProperty("monthlySalary").GetDecimal());
        Assert.Equal(id.ToString(), outbox[0].PartitionKey);
        var headcount = JsonDocument.Parse(outbox[1].Data).RootElement;
        Assert.Equal("2026-03", headcount.GetProperty("month").GetString());
        Assert.Equal(1, headcount.GetProperty("headcount").GetInt32());
        Assert.Equal(1, headcount.GetProperty("hires").GetInt32());
    }

    [Fact]
    public async Task An_invalid_hire_is_a_problem_naming_the_field_and_writes_nothing()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();

        var response = await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering, email: "not-an-address"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("Email", out _) || problem.GetProperty("errors").TryGetProperty("email", out _), problem.ToString());
        Assert.Empty(await hr.OutboxAsync());
    }

    [Fact]
    public async Task Hiring_an_e_mail_twice_is_a_conflict_naming_the_field_but_not_the_address()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();
        (await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering, email: "grace@datamesh.example"))).EnsureSuccessStatusCode();

        var twice = await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering, email: "grace@datamesh.example"));

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var problem = await twice.Content.ReadAsStringAsync();
        Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").TryGetProperty("email", out _), problem);
        Assert.DoesNotContain("grace@datamesh.example", problem);
    }

    [Fact]
    public async Task Hiring_into_an_unknown_department_is_refused_naming_departmentId()
    {
        await using var hr = await HrService.StartAsync(postgres);

        var response = await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("departmentId", out _), problem.ToString());
        Assert.Empty(await hr.OutboxAsync());
    }

    [Fact]
    public async Task A_retried_hire_with_the_same_idempotency_key_has_no_second_effect()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();

        async Task<HttpResponseMessage> HireAsync(object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/hr/employees") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "hire-ada-1");
            return await hr.Client.SendAsync(request);
        }

        var first = await HireAsync(HrService.Hire(engineering));
        var retry = await HireAsync(HrService.Hire(engineering));
        var reused = await HireAsync(HrService.Hire(engineering, email: "someone.else@datamesh.example"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        var list = await hr.Client.GetFromJsonAsync<JsonElement>("/api/hr/employees");
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
        Assert.Single(await hr.OutboxAsync(), e => e.EventType == "EmployeeHired");
    }

    [Fact]
    public async Task A_change_against_a_stale_version_is_a_conflict_and_one_without_if_match_is_refused()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();
        var hired = await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering));
        var location = hired.Headers.Location!.OriginalString;
        var readVersion = hired.Headers.ETag!;

        var withoutVersion = await hr.Client.PatchAsJsonAsync(location, new { monthlySalary = 6000, effectiveOn = "2026-06-01" });
        var change = new HttpRequestMessage(HttpMethod.Patch, location) { Content = JsonContent.Create(new { monthlySalary = 6000, effectiveOn = "2026-06-01" }) };
        change.Headers.IfMatch.Add(readVersion);
        var changed = await hr.Client.SendAsync(change);
        var stale = new HttpRequestMessage(HttpMethod.Patch, location) { Content = JsonContent.Create(new { title = "Lead", effectiveOn = "2026-07-01" }) };
        stale.Headers.IfMatch.Add(readVersion);
        var conflict = await hr.Client.SendAsync(stale);

        // The same change again on the stale version would change no column: still a conflict, not a silent success.
        var sameAgain = new HttpRequestMessage(HttpMethod.Patch, location) { Content = JsonContent.Create(new { monthlySalary = 6000, effectiveOn = "2026-06-01" }) };
        sameAgain.Headers.IfMatch.Add(readVersion);
        var sameConflict = await hr.Client.SendAsync(sameAgain);

        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(readVersion, changed.Headers.ETag);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, sameConflict.StatusCode);
        Assert.Equal("If-Match", (await sameConflict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString());
        var current = await hr.Client.GetFromJsonAsync<JsonElement>(location);
        Assert.Equal("Engineer", current.GetProperty("title").GetString());
        Assert.Equal(6000m, current.GetProperty("monthlySalary").GetDecimal());
        Assert.Equal(["EmployeeHired", "HeadcountChanged", "EmployeeChanged"], (await hr.OutboxAsync()).Select(e => e.EventType));
    }

    [Fact]
    public async Task Moving_an_employee_publishes_the_change_and_both_departments_headcount()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();
        var people = await hr.CreateDepartmentAsync("People", "CC-200");
        var hired = await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering));

        var move = new HttpRequestMessage(HttpMethod.Patch, hired.Headers.Location) { Content = JsonContent.Create(new { departmentId = people, effectiveOn = "2026-05-01" }) };
        move.Headers.IfMatch.Add(hired.Headers.ETag!);
        var moved = await hr.Client.SendAsync(move);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var events = (await hr.OutboxAsync()).Skip(2).ToList();
        Assert.Equal(["EmployeeChanged", "HeadcountChanged", "HeadcountChanged"], events.Select(e => e.EventType));
        Assert.Equal("CC-200", JsonDocument.Parse(events[0].Data).RootElement.GetProperty("costCenter").GetString());
        var figures = events.Skip(1).Select(e => JsonDocument.Parse(e.Data).RootElement)
            .ToDictionary(f => f.GetProperty("department").GetString()!, f => f.GetProperty("headcount").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["Engineering"] = 0, ["People"] = 1 }, figures);
    }

    [Fact]
    public async Task Terminating_ends_the_employment_once_and_counts_a_leaver()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();
        var hired = await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(engineering));

        var terminate = new HttpRequestMessage(HttpMethod.Post, $"{hired.Headers.Location}/termination") { Content = JsonContent.Create(new { reason = "resignation", lastDay = "2026-04-15" }) };
        terminate.Headers.IfMatch.Add(hired.Headers.ETag!);
        var terminated = await hr.Client.SendAsync(terminate);
        var again = new HttpRequestMessage(HttpMethod.Post, $"{hired.Headers.Location}/termination") { Content = JsonContent.Create(new { reason = "resignation", lastDay = "2026-04-15" }) };
        again.Headers.IfMatch.Add(terminated.Headers.ETag!);
        var twice = await hr.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var april = await hr.Client.GetFromJsonAsync<JsonElement>("/api/hr/headcount?month=2026-04");
        var figures = april.EnumerateArray().Single();
        Assert.Equal((0, 0, 1), (figures.GetProperty("headcount").GetInt32(), figures.GetProperty("hires").GetInt32(), figures.GetProperty("leavers").GetInt32()));
        var terminatedEvent = (await hr.OutboxAsync()).Single(e => e.EventType == "EmployeeTerminated");
        Assert.Equal("resignation", JsonDocument.Parse(terminatedEvent.Data).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_list_is_paged_and_filtered_by_department_and_status()
    {
        await using var hr = await HrService.StartAsync(postgres);
        var engineering = await hr.CreateDepartmentAsync();
        var people = await hr.CreateDepartmentAsync("People", "CC-200");
        for (var i = 0; i < 5; i++)
        {
            (await hr.Client.PostAsJsonAsync("/api/hr/employees", HrService.Hire(i < 3 ? engineering : people, email: $"person{i}@datamesh.example"))).EnsureSuccessStatusCode();
        }

        var page2 = await hr.Client.GetFromJsonAsync<JsonElement>($"/api/hr/employees?departmentId={engineering}&status=active&page=2&pageSize=2");
        var badPage = await hr.Client.GetAsync("/api/hr/employees?pageSize=1000");

        Assert.Equal(3, page2.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, page2.GetProperty("pageCount").GetInt32());
        Assert.Single(page2.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Contains("PageSize", await badPage.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_headcount_month_that_is_not_yyyy_MM_is_a_problem_naming_month()
    {
        await using var hr = await HrService.StartAsync(postgres);

        var response = await hr.Client.GetAsync("/api/hr/headcount?month=November");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("month", out _));
    }
}
