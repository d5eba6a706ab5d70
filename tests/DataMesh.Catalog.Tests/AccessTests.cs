using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// Access requests, owner decisions, the audit trail, API keys and the gateway's look-up, on a real database. Keys call
/// as the gateway forwards them (its credential, the consumer and team it found); the look-up is the gateway's own call.
/// </summary>
public sealed class AccessTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    private HttpClient Reporting => Catalog.ConsumerClient("finance-reporting", "controlling");

    private HttpClient OwnerKey => Catalog.ConsumerClient("hr-team", People.OwnerTeam);

    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
        await Catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync("finance-reporting", "controlling", null, null, People.Administrator, CancellationToken.None));
    }

    [Fact]
    public async Task A_request_approved_by_the_owner_is_a_grant_the_key_look_up_returns_until_revoked()
    {
        var key = await Reporting.SendOkAsync(HttpMethod.Post, "consumers/finance-reporting/keys");
        var secret = key.GetProperty("key").GetString()!;
        var request = await Reporting.SendOkAsync(HttpMethod.Post, "access-requests",
            new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = "Monthly payroll cost", personalData = false });
        var id = request.GetProperty("id").GetString();
        Assert.Empty((await Lookup(secret)).GetProperty("grants").EnumerateArray());
        var queue = await OwnerKey.SendOkAsync(HttpMethod.Get, "teams/people-platform/approval-queue");
        Assert.Equal(id, Assert.Single(queue.EnumerateArray()).GetProperty("id").GetString());

        await OwnerKey.SendOkAsync(HttpMethod.Post, $"access-requests/{id}/approve", new { note = "ok for budgets" });

        var lookup = await Lookup(secret);
        Assert.Equal(("finance-reporting", "controlling"), (lookup.GetProperty("consumerId").GetString(), lookup.GetProperty("team").GetString()));
        var grant = Assert.Single(lookup.GetProperty("grants").EnumerateArray());
        Assert.Equal(("hr.employees", "Monthly payroll cost", false, "hr-team"),
            (grant.GetProperty("dataProductId").GetString(), grant.GetProperty("purpose").GetString(), grant.GetProperty("personalData").GetBoolean(), grant.GetProperty("approvedBy").GetString()));

        await OwnerKey.SendOkAsync(HttpMethod.Post, $"access-requests/{id}/revoke");

        Assert.Empty((await Lookup(secret)).GetProperty("grants").EnumerateArray());
        var audit = await OwnerKey.SendOkAsync(HttpMethod.Get, $"access-requests/{id}/audit");
        Assert.Equal(
            [("requested", "finance-reporting", "Consumer"), ("approved", "hr-team", "Consumer"), ("revoked", "hr-team", "Consumer")],
            audit.EnumerateArray().Select(a => (a.GetProperty("action").GetString(), a.GetProperty("actor").GetString(), a.GetProperty("actorKind").GetString())));
        Assert.All(audit.EnumerateArray(), a => Assert.True(a.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public async Task Only_the_owner_team_decides_and_a_decision_is_final()
    {
        var request = await Reporting.SendOkAsync(HttpMethod.Post, "access-requests",
            new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = "Headcount", personalData = true });
        var id = request.GetProperty("id").GetString();

        var foreign = await Reporting.PostAsJsonAsync($"{CatalogApi.Prefix}/access-requests/{id}/approve", new { });
        await OwnerKey.SendOkAsync(HttpMethod.Post, $"access-requests/{id}/deny", new { note = "no personal data for budgets" });
        var again = await OwnerKey.PostAsync($"{CatalogApi.Prefix}/access-requests/{id}/approve", null);

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.True((await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("team", out _));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("consumers", "description")]
    [InlineData("access-requests", "dataProductId")]
    [InlineData("access-requests", "consumerId")]
    public async Task A_text_longer_than_the_documented_bound_is_refused_naming_the_field(string path, string field)
    {
        var tooLong = new string('x', Math.Max(CatalogRefusal.MaxDescriptionLength, DataProductRecord.MaxIdLength) + 1);
        object body = path == "consumers"
            ? new { id = "long-described", team = "controlling", description = tooLong }
            : new { dataProductId = field == "dataProductId" ? tooLong : "hr.employees", consumerId = field == "consumerId" ? tooLong : "finance-reporting", purpose = "Headcount", personalData = false };

        var response = await Reporting.PostAsJsonAsync($"{CatalogApi.Prefix}/{path}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_request_without_a_purpose_is_refused_naming_the_field()
    {
        var response = await Reporting.PostAsJsonAsync($"{CatalogApi.Prefix}/access-requests",
            new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = " ", personalData = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("purpose", out _));
    }

    [Fact]
    public async Task A_key_lists_its_own_consumers_requests_grants_and_keys()
    {
        var issued = await Reporting.SendOkAsync(HttpMethod.Post, "consumers/finance-reporting/keys");
        var request = await Reporting.SendOkAsync(HttpMethod.Post, "access-requests",
            new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = "Payroll", personalData = false });
        await OwnerKey.SendOkAsync(HttpMethod.Post, $"access-requests/{request.GetProperty("id").GetString()}/approve");

        var own = await Reporting.SendOkAsync(HttpMethod.Get, "consumers/finance-reporting/access-requests");
        var keys = await Reporting.SendOkAsync(HttpMethod.Get, "consumers/finance-reporting/keys");

        Assert.Equal(("hr.employees", "Approved"), (Assert.Single(own.EnumerateArray()).GetProperty("dataProductId").GetString(), own[0].GetProperty("status").GetString()));
        var key = Assert.Single(keys.EnumerateArray());
        Assert.Equal(issued.GetProperty("prefix").GetString(), key.GetProperty("prefix").GetString());
        Assert.False(key.TryGetProperty("key", out _));
        Assert.False(key.TryGetProperty("hash", out _));
    }

    [Fact]
    public async Task Keys_are_stored_as_hashes_rotation_replaces_them_and_revoked_keys_find_nothing()
    {
        var first = await Reporting.SendOkAsync(HttpMethod.Post, "consumers/finance-reporting/keys");
        var firstKey = first.GetProperty("key").GetString()!;

        var rotated = await Reporting.SendOkAsync(HttpMethod.Post, $"keys/{first.GetProperty("id").GetString()}/rotate");
        var secondKey = rotated.GetProperty("key").GetString()!;

        Assert.StartsWith("dmk_", firstKey, StringComparison.Ordinal);
        Assert.NotEqual(firstKey, secondKey);
        var stored = await Catalog.QueryAsync(db => db.ApiKeys.Select(k => k.Hash).ToListAsync());
        Assert.DoesNotContain(stored, h => h.Contains(firstKey[4..], StringComparison.Ordinal) || h == firstKey);
        Assert.Equal(HttpStatusCode.NotFound, (await Gateway.PostAsJsonAsync($"{CatalogApi.Prefix}/keys/lookup", new { key = firstKey })).StatusCode);
        await Lookup(secondKey);

        await Reporting.SendOkAsync(HttpMethod.Post, $"keys/{rotated.GetProperty("id").GetString()}/revoke");

        Assert.Equal(HttpStatusCode.NotFound, (await Gateway.PostAsJsonAsync($"{CatalogApi.Prefix}/keys/lookup", new { key = secondKey })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Gateway.PostAsJsonAsync($"{CatalogApi.Prefix}/keys/lookup", new { key = "dmk_guessed" })).StatusCode);
        var trail = await Catalog.QueryAsync(db => db.AccessAudit.Where(a => a.ConsumerId == "finance-reporting").OrderBy(a => a.Id).Select(a => new { a.Action, a.Actor, a.ActorKind }).ToListAsync());
        Assert.Equal(
            [("consumer-registered", "root@example.com", CallerKind.Person), ("key-issued", "finance-reporting", CallerKind.Consumer),
                ("key-rotated", "finance-reporting", CallerKind.Consumer), ("key-revoked", "finance-reporting", CallerKind.Consumer)],
            trail.Select(a => (a.Action, a.Actor, a.ActorKind)));
    }

    private HttpClient Gateway => Catalog.ServiceClient(ServiceCredentials.Gateway);

    private async Task<JsonElement> Lookup(string key) => await Gateway.SendOkAsync(HttpMethod.Post, "keys/lookup", new { key });
}
