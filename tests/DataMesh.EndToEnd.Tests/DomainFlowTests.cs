using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// The business flows between the three domains, through the gateway, each asserted on the consuming domain's
/// API within a bounded wait. Each test works in a quarter of its own, far from the demo data's.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class DomainFlowTests(LocalMesh mesh)
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(60);

    /// <summary>HR's demo department Marketing, booked on cost center CC-300.</summary>
    private static readonly Guid MarketingDepartment = Guid.Parse("0d000000-0000-4000-8000-000000000300");

    [Fact]
    public async Task A_budget_allocated_in_finance_sets_what_marketing_may_spend_and_marketing_spend_shows_in_finance_actuals()
    {
        using var finance = mesh.Gateway("finance");
        using var marketing = mesh.Gateway("marketing");

        var allocated = await finance.PostAsJsonAsync("/api/finance/budgets", new { costCenter = "CC-300", fiscalQuarter = "2030-Q2", category = "marketing", amount = 10_000m });
        Assert.Equal(HttpStatusCode.Created, allocated.StatusCode);
        await UntilAsync(marketing, "/api/marketing/planning?quarter=2030-Q2", plan => plan.GetProperty("budget").GetDecimal() == 10_000m, "marketing's 2030-Q2 budget to be 10,000");

        var planned = await marketing.PostAsJsonAsync("/api/marketing/campaigns", new
        {
            name = "Spring launch", channel = "search", startsOn = "2030-04-01", endsOn = "2030-05-31", budgetCap = 4_000m,
        });
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        var campaign = planned.Headers.Location!.OriginalString;
        var launched = await SendAsync(marketing, HttpMethod.Post, $"{campaign}/launch", new { }, planned.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        var tooBig = await marketing.PostAsJsonAsync("/api/marketing/campaigns", new
        {
            name = "Too big", channel = "display", startsOn = "2030-04-15", endsOn = "2030-06-30", budgetCap = 7_000m,
        });
        var refused = await SendAsync(marketing, HttpMethod.Post, $"{tooBig.Headers.Location!.OriginalString}/launch", new { }, tooBig.Headers.ETag!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(6_000m, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("remaining").GetDecimal());

        var spent = await SendAsync(marketing, HttpMethod.Post, $"{campaign}/spend", new { amount = 1_500m, spentOn = "2030-04-10", vendor = "Search Ads Ltd" }, launched.Headers.ETag!);
        Assert.Equal(HttpStatusCode.Created, spent.StatusCode);
        await UntilAsync(
            finance,
            "/api/finance/actuals?quarter=2030-Q2&costCenter=CC-300",
            actuals => actuals.EnumerateArray().Single().GetProperty("expenses").GetDecimal() == 1_500m,
            "finance's 2030-Q2 actuals of CC-300 to show 1,500 of marketing expenses");
    }

    [Fact]
    public async Task Headcount_follows_hires_and_terminations_into_marketings_planning()
    {
        using var hr = mesh.Gateway("hr");
        using var marketing = mesh.Gateway("marketing");
        var hired = await hr.PostAsJsonAsync("/api/hr/employees", new
        {
            name = "Mary Kenneth Keller", email = $"mary-{Guid.NewGuid():N}@datamesh.example", birthDate = "1990-12-17", title = "Campaign analyst",
            departmentId = MarketingDepartment, monthlySalary = 5200m, hiredOn = "2031-04-01",
        });
        Assert.Equal(HttpStatusCode.Created, hired.StatusCode);

        var (april, teamInApril) = await TeamSizeAsync(marketing, "2031-Q2", "2031-04");
        Assert.Equal("2031-04", april);

        var terminate = new HttpRequestMessage(HttpMethod.Post, $"{hired.Headers.Location}/termination") { Content = JsonContent.Create(new { reason = "endOfContract", lastDay = "2031-05-15" }) };
        terminate.Headers.IfMatch.Add(hired.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await hr.SendAsync(terminate)).StatusCode);

        var (may, teamInMay) = await TeamSizeAsync(marketing, "2031-Q2", "2031-05");
        Assert.Equal("2031-05", may);
        Assert.Equal(teamInApril - 1, teamInMay);
    }

    /// <summary>Waits until marketing's planning of <paramref name="quarter"/> reports the team size of <paramref name="month"/>.</summary>
    private static async Task<(string Month, int TeamSize)> TeamSizeAsync(HttpClient gateway, string quarter, string month)
    {
        var plan = await UntilAsync(
            gateway,
            $"/api/marketing/planning?quarter={quarter}",
            p => p.GetProperty("teamSizeMonth").ValueKind == JsonValueKind.String && p.GetProperty("teamSizeMonth").GetString() == month,
            $"marketing's planning of {quarter} to report the team size of {month}");
        return (month, plan.GetProperty("teamSize").GetInt32());
    }

    private static async Task<JsonElement> UntilAsync(HttpClient gateway, string path, Func<JsonElement, bool> condition, string expectation)
    {
        JsonElement last = default;
        await Eventually.TrueAsync(
            async () =>
            {
                last = await gateway.GetFromJsonAsync<JsonElement>(path);
                return condition(last);
            },
            Propagation,
            () => $"Waited {Propagation} for {expectation}; last answer: {last}");
        return last;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient gateway, HttpMethod method, string path, object body, System.Net.Http.Headers.EntityTagHeaderValue ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(ifMatch);
        return gateway.SendAsync(request);
    }
}
