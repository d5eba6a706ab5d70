using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;

namespace Domain1.Tests;

[Collection(PostgresCollection.Name)]
public sealed class Product1ApiTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Recording_stores_it_and_publishes_the_event_in_the_outbox()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);

        var response = await domain1.Client.PostAsJsonAsync(Domain1Service.Product1, Domain1Service.Record());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal($"{Domain1Service.Product1}/{id}", response.Headers.Location!.OriginalString);
        var read = await domain1.Client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
        Assert.Equal("open", read.GetProperty("status").GetString());
        Assert.Equal(1500m, read.GetProperty("amount").GetDecimal());

        var recorded = Assert.Single(await domain1.OutboxAsync());
        Assert.Equal("Entity1Recorded", recorded.EventType);
        Assert.Equal(id.ToString(), recorded.PartitionKey);
        var data = JsonDocument.Parse(recorded.Data).RootElement;
        Assert.Equal(id, data.GetProperty("entity1Id").GetGuid());
        Assert.Equal("2026-11-02", data.GetProperty("recordedOn").GetString());
    }

    [Fact]
    public async Task An_invalid_request_is_a_problem_naming_the_field_and_writes_nothing()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);

        var response = await domain1.Client.PostAsJsonAsync(Domain1Service.Product1, Domain1Service.Record(name: ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Name", out _) || errors.TryGetProperty("name", out _), errors.ToString());
        Assert.Empty(await domain1.OutboxAsync());
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_first_answer_and_changes_nothing()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);

        var first = await domain1.PostAsync(Domain1Service.Product1, Domain1Service.Record(), idempotencyKey: "record-1");
        var retry = await domain1.PostAsync(Domain1Service.Product1, Domain1Service.Record(), idempotencyKey: "record-1");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(await domain1.OutboxAsync());
    }

    [Fact]
    public async Task Closing_needs_the_version_read_and_a_stale_version_is_a_conflict()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);
        var (location, version) = await domain1.RecordAsync(Domain1Service.Record());
        var closure = new { closedOn = "2026-11-20" };

        var withoutVersion = await domain1.PostAsync($"{location}/closure", closure);
        var closed = await domain1.PostAsync($"{location}/closure", closure, version);
        var stale = await domain1.PostAsync($"{location}/closure", closure, version);

        Assert.Equal(HttpStatusCode.PreconditionRequired, withoutVersion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("closed", (await domain1.Client.GetFromJsonAsync<JsonElement>(location)).GetProperty("status").GetString());
        Assert.Equal(["Entity1Recorded", "Entity1Closed"], (await domain1.OutboxAsync()).Select(e => e.EventType));
    }

    [Fact]
    public async Task Closing_before_it_was_recorded_is_refused_naming_closedOn()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);
        var (location, version) = await domain1.RecordAsync(Domain1Service.Record());

        var response = await domain1.PostAsync($"{location}/closure", new { closedOn = "2026-10-01" }, version);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("closedOn", out _));
    }

    [Fact]
    public async Task The_list_is_paged_and_filtered_by_status()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);
        foreach (var day in new[] { "2026-11-02", "2026-11-03", "2026-11-04" })
        {
            await domain1.RecordAsync(Domain1Service.Record(recordedOn: day));
        }

        var page = await domain1.Client.GetFromJsonAsync<JsonElement>($"{Domain1Service.Product1}?page=2&pageSize=2");
        var closed = await domain1.Client.GetFromJsonAsync<JsonElement>($"{Domain1Service.Product1}?status=closed");
        var badStatus = await domain1.Client.GetAsync($"{Domain1Service.Product1}?status=lost");

        Assert.Equal(3, page.GetProperty("totalCount").GetInt32());
        Assert.Equal("2026-11-04", Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("recordedOn").GetString());
        Assert.Equal(0, closed.GetProperty("totalCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }
}
