using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Marketing.Tests;

[Collection(PostgresCollection.Name)]
public sealed class CampaignsApiTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Planning_stores_the_campaign_without_publishing_and_it_reads_back_with_its_etag()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        var response = await marketing.Client.PostAsJsonAsync("/api/marketing/campaigns", MarketingService.Plan());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"/api/marketing/campaigns/{id}", response.Headers.Location!.OriginalString);
        var read = await marketing.Client.GetAsync(response.Headers.Location);
        Assert.Equal(response.Headers.ETag, read.Headers.ETag);
        var campaign = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("email", campaign.GetProperty("channel").GetString());
        Assert.Equal("planned", campaign.GetProperty("status").GetString());
        Assert.Equal("2026-Q4", campaign.GetProperty("quarter").GetString());
        Assert.Equal(8000m, campaign.GetProperty("budgetCap").GetDecimal());
        Assert.Equal(0m, campaign.GetProperty("spend").GetDecimal());
        Assert.Empty(await marketing.OutboxAsync());
    }

    [Theory]
    [InlineData("channel", "radio", "Channel")]
    [InlineData("name", "", "Name")]
    [InlineData("budgetCap", -1, "BudgetCap")]
    [InlineData("endsOn", "2026-11-01", "endsOn")]
    public async Task An_invalid_plan_is_a_problem_naming_the_field_and_writes_nothing(string field, object value, string named)
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var plan = JsonSerializer.SerializeToNode(MarketingService.Plan(), JsonSerializerOptions.Web)!.AsObject();
        plan[field] = JsonSerializer.SerializeToNode(value);

        var response = await marketing.Client.PostAsJsonAsync("/api/marketing/campaigns", plan);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(named, out _), errors.ToString());
        Assert.Equal(0, (await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/campaigns")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task An_unknown_campaign_is_a_404_problem_naming_the_id()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        var response = await marketing.Client.GetAsync($"/api/marketing/campaigns/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("id", out _));
    }

    [Fact]
    public async Task A_retried_plan_with_the_same_idempotency_key_has_no_second_effect()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        async Task<HttpResponseMessage> PlanAsync(object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/marketing/campaigns") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "plan-winter-1");
            return await marketing.Client.SendAsync(request);
        }

        var first = await PlanAsync(MarketingService.Plan());
        var retry = await PlanAsync(MarketingService.Plan());
        var reused = await PlanAsync(MarketingService.Plan(name: "Another campaign"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal(1, (await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/campaigns")).GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_retried_spend_with_the_same_idempotency_key_is_recorded_and_published_once()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        await marketing.BudgetAsync("budget-1", Guid.NewGuid(), 20000m);
        var (location, planned) = await marketing.PlanAsync(MarketingService.Plan());
        var launched = await marketing.SendAsync(HttpMethod.Post, $"{location}/launch", null, planned);

        async Task<HttpResponseMessage> SpendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{location}/spend") { Content = JsonContent.Create(new { amount = 1250m, spentOn = "2026-11-03", vendor = "Mailer Ltd" }) };
            request.Headers.IfMatch.Add(launched.Headers.ETag!);
            request.Headers.Add("Idempotency-Key", "spend-mailer-1");
            return await marketing.Client.SendAsync(request);
        }

        var first = await SpendAsync();
        var retry = await SpendAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1250m, (await marketing.Client.GetFromJsonAsync<JsonElement>(location)).GetProperty("spend").GetDecimal());
        Assert.Single(await marketing.OutboxAsync(), e => e.EventType == "CampaignSpendRecorded");
        Assert.Single((await marketing.Client.GetFromJsonAsync<JsonElement>($"{location}/spend")).EnumerateArray());
    }

    [Fact]
    public async Task A_launch_against_a_stale_version_is_a_conflict_and_one_without_if_match_is_refused()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        await marketing.BudgetAsync("budget-1", Guid.NewGuid(), 20000m);
        var (location, planned) = await marketing.PlanAsync(MarketingService.Plan());

        var withoutVersion = await marketing.SendAsync(HttpMethod.Post, $"{location}/launch", null, version: null);
        var launched = await marketing.SendAsync(HttpMethod.Post, $"{location}/launch", null, planned);
        var stale = await marketing.SendAsync(HttpMethod.Post, $"{location}/completion", new { completedOn = "2026-12-18" }, planned);

        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutVersion.StatusCode);
        Assert.True((await withoutVersion.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("If-Match", out _));
        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        Assert.NotEqual(planned, launched.Headers.ETag);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("launched", (await marketing.Client.GetFromJsonAsync<JsonElement>(location)).GetProperty("status").GetString());
        Assert.Equal(["CampaignLaunched"], (await marketing.OutboxAsync()).Select(e => e.EventType));
    }

    [Fact]
    public async Task A_campaign_launches_spends_and_completes_publishing_each_step_keyed_by_the_campaign()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        await marketing.BudgetAsync("budget-1", Guid.NewGuid(), 20000m);
        var (location, planned) = await marketing.PlanAsync(MarketingService.Plan(channel: "search"));

        var launched = await marketing.SendAsync(HttpMethod.Post, $"{location}/launch", null, planned);
        var spent = await marketing.SendAsync(HttpMethod.Post, $"{location}/spend", new { amount = 1250m, spentOn = "2026-11-03", vendor = "Search Ads Ltd" }, launched.Headers.ETag);
        var completed = await marketing.SendAsync(HttpMethod.Post, $"{location}/completion", new { completedOn = "2026-12-18" }, spent.Headers.ETag);
        var spendAgain = await marketing.SendAsync(HttpMethod.Post, $"{location}/spend", new { amount = 10m, spentOn = "2026-12-19", vendor = "Late Ltd" }, completed.Headers.ETag);

        Assert.Equal(HttpStatusCode.OK, launched.StatusCode);
        Assert.Equal(HttpStatusCode.Created, spent.StatusCode);
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, spendAgain.StatusCode);
        var campaign = await completed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", campaign.GetProperty("status").GetString());
        Assert.Equal("2026-12-18", campaign.GetProperty("completedOn").GetString());
        var outbox = await marketing.OutboxAsync();
        Assert.Equal(["CampaignLaunched", "CampaignSpendRecorded", "CampaignCompleted"], outbox.Select(e => e.EventType));
        var id = campaign.GetProperty("id").GetGuid().ToString();
        Assert.All(outbox, e => Assert.Equal(id, e.PartitionKey));
        var spend = JsonDocument.Parse(outbox[1].Data).RootElement;
        Assert.Equal(1250m, spend.GetProperty("amount").GetDecimal());
        Assert.Equal("search", spend.GetProperty("channel").GetString());
        Assert.Equal("Search Ads Ltd", spend.GetProperty("vendor").GetString());
        Assert.Equal(1250m, JsonDocument.Parse(outbox[2].Data).RootElement.GetProperty("totalSpend").GetDecimal());
    }

    [Fact]
    public async Task The_list_is_paged_and_filtered_by_status_channel_and_quarter()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        await marketing.BudgetAsync("budget-1", Guid.NewGuid(), 50000m);
        for (var i = 0; i < 5; i++)
        {
            await marketing.PlanAsync(MarketingService.Plan(name: $"Campaign {i}", channel: i < 3 ? "social" : "display", startsOn: $"2026-1{i % 2 + 1}-0{i + 1}", endsOn: "2026-12-31", budgetCap: 1000m));
        }

        await marketing.PlanAsync(MarketingService.Plan(name: "Next year", channel: "social", startsOn: "2027-01-04", endsOn: "2027-02-01", budgetCap: 1000m));
        var (launched, launchVersion) = await marketing.PlanAsync(MarketingService.Plan(name: "Launched", channel: "social", startsOn: "2026-10-05", endsOn: "2026-10-30", budgetCap: 1000m));
        (await marketing.SendAsync(HttpMethod.Post, $"{launched}/launch", null, launchVersion)).EnsureSuccessStatusCode();

        var page2 = await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/campaigns?channel=social&quarter=2026-Q4&status=planned&page=2&pageSize=2");
        var launchedOnly = await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/campaigns?status=launched");
        var badPage = await marketing.Client.GetAsync("/api/marketing/campaigns?pageSize=1000");
        var badStatus = await marketing.Client.GetAsync("/api/marketing/campaigns?status=Running");
        var badQuarter = await marketing.Client.GetAsync("/api/marketing/campaigns?quarter=2026-Q5");

        Assert.Equal(3, page2.GetProperty("totalCount").GetInt32());
        Assert.Equal(2, page2.GetProperty("pageCount").GetInt32());
        Assert.Equal(["Campaign 1"], page2.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["Launched"], launchedOnly.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, badPage.StatusCode);
        Assert.Contains("PageSize", await badPage.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("Status", await badStatus.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.BadRequest, badQuarter.StatusCode);
        Assert.Contains("Quarter", await badQuarter.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
