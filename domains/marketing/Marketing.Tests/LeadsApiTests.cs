using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Marketing.Tests;

[Collection(PostgresCollection.Name)]
public sealed class LeadsApiTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Capturing_and_converting_a_lead_publishes_both_keyed_by_the_lead()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var campaign = await CampaignIdAsync(marketing);

        var captured = await marketing.Client.PostAsJsonAsync("/api/marketing/leads", Lead(campaign));
        var converted = await marketing.SendAsync(HttpMethod.Post, $"{captured.Headers.Location}/conversion", new { convertedOn = "2026-11-20" }, captured.Headers.ETag);
        var again = await marketing.SendAsync(HttpMethod.Post, $"{captured.Headers.Location}/conversion", new { convertedOn = "2026-11-21" }, converted.Headers.ETag);

        Assert.Equal(HttpStatusCode.Created, captured.StatusCode);
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var lead = await marketing.Client.GetFromJsonAsync<JsonElement>(captured.Headers.Location);
        Assert.Equal("converted", lead.GetProperty("status").GetString());
        Assert.Equal("2026-11-20", lead.GetProperty("convertedOn").GetString());
        var outbox = await marketing.OutboxAsync();
        Assert.Equal(["LeadCaptured", "LeadConverted"], outbox.Select(e => e.EventType));
        Assert.All(outbox, e => Assert.Equal("marketing.leads", e.DataProductId));
        Assert.All(outbox, e => Assert.Equal(lead.GetProperty("id").GetGuid().ToString(), e.PartitionKey));
        var capturedEvent = JsonDocument.Parse(outbox[0].Data).RootElement;
        Assert.Equal("margaret@prospect.example", capturedEvent.GetProperty("email").GetString());
        Assert.Equal(campaign, capturedEvent.GetProperty("campaignId").GetGuid());
    }

    [Fact]
    public async Task An_invalid_lead_is_a_problem_naming_the_field_and_writes_nothing()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var campaign = await CampaignIdAsync(marketing);

        var badEmail = await marketing.Client.PostAsJsonAsync("/api/marketing/leads", Lead(campaign, email: "not-an-address"));
        var unknownCampaign = await marketing.Client.PostAsJsonAsync("/api/marketing/leads", Lead(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.True((await badEmail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Email", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownCampaign.StatusCode);
        Assert.True((await unknownCampaign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("campaignId", out _));
        Assert.Empty(await marketing.OutboxAsync());
    }

    [Fact]
    public async Task Capturing_an_e_mail_twice_is_a_conflict_naming_the_field_but_not_the_address()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var campaign = await CampaignIdAsync(marketing);
        (await marketing.Client.PostAsJsonAsync("/api/marketing/leads", Lead(campaign, email: "grace@prospect.example"))).EnsureSuccessStatusCode();

        var twice = await marketing.Client.PostAsJsonAsync("/api/marketing/leads", Lead(campaign, email: "grace@prospect.example"));

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var problem = await twice.Content.ReadAsStringAsync();
        Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").TryGetProperty("email", out _), problem);
        Assert.DoesNotContain("grace@prospect.example", problem);
    }

    [Fact]
    public async Task A_retried_capture_with_the_same_idempotency_key_has_no_second_effect()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var campaign = await CampaignIdAsync(marketing);

        async Task<HttpResponseMessage> CaptureAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/marketing/leads") { Content = JsonContent.Create(Lead(campaign)) };
            request.Headers.Add("Idempotency-Key", "capture-margaret");
            return await marketing.Client.SendAsync(request);
        }

        var first = await CaptureAsync();
        var retry = await CaptureAsync();

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Single(await marketing.OutboxAsync(), e => e.EventType == "LeadCaptured");
    }

    [Fact]
    public async Task A_conversion_against_a_stale_version_is_a_conflict_and_one_without_if_match_is_refused()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var captured = await marketing.Client.PostAsJsonAsync("/api/marketing/leads", Lead(await CampaignIdAsync(marketing)));
        var conversion = $"{captured.Headers.Location}/conversion";
        var stale = new System.Net.Http.Headers.EntityTagHeaderValue("\"1\"");

        var withoutVersion = await marketing.SendAsync(HttpMethod.Post, conversion, new { convertedOn = "2026-11-20" }, version: null);
        var conflict = await marketing.SendAsync(HttpMethod.Post, conversion, new { convertedOn = "2026-11-20" }, stale);

        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("new", (await marketing.Client.GetFromJsonAsync<JsonElement>(captured.Headers.Location)).GetProperty("status").GetString());
        Assert.Equal(["LeadCaptured"], (await marketing.OutboxAsync()).Select(e => e.EventType));
    }

    [Fact]
    public async Task The_list_is_paged_and_filtered_by_status_and_campaign()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var winter = await CampaignIdAsync(marketing);
        var spring = await CampaignIdAsync(marketing, "Spring");
        for (var i = 0; i < 5; i++)
        {
            (await marketing.Client.PostAsJsonAsync("/api/marketing/leads", Lead(i < 3 ? winter : spring, email: $"person{i}@prospect.example", capturedOn: $"2026-11-0{i + 1}"))).EnsureSuccessStatusCode();
        }

        var page2 = await marketing.Client.GetFromJsonAsync<JsonElement>($"/api/marketing/leads?campaignId={winter}&status=new&page=2&pageSize=2");
        var converted = await marketing.Client.GetFromJsonAsync<JsonElement>("/api/marketing/leads?status=converted");
        var badStatus = await marketing.Client.GetAsync("/api/marketing/leads?status=New");

        Assert.Equal(3, page2.GetProperty("totalCount").GetInt32());
        Assert.Equal(["person2@prospect.example"], page2.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("email").GetString()));
        Assert.Equal(0, converted.GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }

    private static object Lead(Guid campaignId, string email = "margaret@prospect.example", string capturedOn = "2026-11-04") =>
        new { name = "Margaret Hamilton", email, campaignId, capturedOn };

    private static async Task<Guid> CampaignIdAsync(MarketingService marketing, string name = "Winter newsletter")
    {
        var response = await marketing.Client.PostAsJsonAsync("/api/marketing/campaigns", MarketingService.Plan(name: name));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
