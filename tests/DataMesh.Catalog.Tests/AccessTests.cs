using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Api;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests;

/// <summary>Access requests, owner decisions, the audit trail, API keys and the gateway's look-up, on a real database.</summary>
public sealed class AccessTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    protected override async Task SeedAsync()
    {
        await Http.RegisterAsync(Definitions.Hr());
        await Http.SendOkAsync(HttpMethod.Post, "consumers", new { id = "finance-reporting", team = "controlling", actor = "grace@example.com" });
    }

    [Fact]
    public async Task A_request_approved_by_the_owner_is_a_grant_the_key_look_up_returns_until_revoked()
    {
        var key = await Http.SendOkAsync(HttpMethod.Post, "consumers/finance-reporting/keys", new { actor = "grace@example.com" });
        var secret = key.GetProperty("key").GetString()!;
        var request = await Http.SendOkAsync(HttpMethod.Post, "access-requests",
            new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = "Monthly payroll cost", personalData = false, actor = "grace@example.com" });
        var id = request.GetProperty("id").GetString();
        Assert.Empty((await Lookup(secret)).GetProperty("grants").EnumerateArray());
        var queue = await Http.SendOkAsync(HttpMethod.Get, "teams/people-platform/approval-queue");
        Assert.Equal(id, Assert.Single(queue.EnumerateArray()).GetProperty("id").GetString());

        await Http.SendOkAsync(HttpMethod.Post, $"access-requests/{id}/approve", new { actor = "ada@example.com", team = "people-platform", note = "ok for budgets" });

        var lookup = await Lookup(secret);
        Assert.Equal(("finance-reporting", "controlling"), (lookup.GetProperty("consumerId").GetString(), lookup.GetProperty("team").GetString()));
        var grant = Assert.Single(lookup.GetProperty("grants").EnumerateArray());
        Assert.Equal(("hr.employees", "Monthly payroll cost", false, "ada@example.com"),
            (grant.GetProperty("dataProductId").GetString(), grant.GetProperty("purpose").GetString(), grant.GetProperty("personalData").GetBoolean(), grant.GetProperty("approvedBy").GetString()));

        await Http.SendOkAsync(HttpMethod.Post, $"access-requests/{id}/revoke", new { actor = "ada@example.com", team = "people-platform" });

        Assert.Empty((await Lookup(secret)).GetProperty("grants").EnumerateArray());
        var audit = await Http.SendOkAsync(HttpMethod.Get, $"access-requests/{id}/audit");
        Assert.Equal(
            [("requested", "grace@example.com"), ("approved", "ada@example.com"), ("revoked", "ada@example.com")],
            audit.EnumerateArray().Select(a => (a.GetProperty("action").GetString(), a.GetProperty("actor").GetString())));
        Assert.All(audit.EnumerateArray(), a => Assert.True(a.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }

    [Fact]
    public async Task Only_the_owner_team_decides_and_a_decision_is_final()
    {
        var request = await Http.SendOkAsync(HttpMethod.Post, "access-requests",
            new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = "Headcount", personalData = true, actor = "grace@example.com" });
        var id = request.GetProperty("id").GetString();

        var foreign = await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/access-requests/{id}/approve", new { actor = "grace@example.com", team = "controlling" });
        await Http.SendOkAsync(HttpMethod.Post, $"access-requests/{id}/deny", new { actor = "ada@example.com", team = "people-platform", note = "no personal data for budgets" });
        var again = await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/access-requests/{id}/approve", new { actor = "ada@example.com", team = "people-platform" });

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.True((await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("team", out _));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_request_without_a_purpose_is_refused_naming_the_field()
    {
        var response = await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/access-requests",
            new { dataProductId = "hr.employees", consumerId = "finance-reporting", purpose = " ", personalData = false, actor = "grace@example.com" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("purpose", out _));
    }

    [Fact]
    public async Task Keys_are_stored_as_hashes_rotation_replaces_them_and_revoked_keys_find_nothing()
    {
        var first = await Http.SendOkAsync(HttpMethod.Post, "consumers/finance-reporting/keys", new { actor = "grace@example.com" });
        var firstKey = first.GetProperty("key").GetString()!;

        var rotated = await Http.SendOkAsync(HttpMethod.Post, $"keys/{first.GetProperty("id").GetString()}/rotate", new { actor = "grace@example.com" });
        var secondKey = rotated.GetProperty("key").GetString()!;

        Assert.StartsWith("dmk_", firstKey, StringComparison.Ordinal);
        Assert.NotEqual(firstKey, secondKey);
        var stored = await Catalog.QueryAsync(db => db.ApiKeys.Select(k => k.Hash).ToListAsync());
        Assert.DoesNotContain(stored, h => h.Contains(firstKey[4..], StringComparison.Ordinal) || h == firstKey);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/keys/lookup", new { key = firstKey })).StatusCode);
        await Lookup(secondKey);

        await Http.SendOkAsync(HttpMethod.Post, $"keys/{rotated.GetProperty("id").GetString()}/revoke", new { actor = "grace@example.com" });

        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/keys/lookup", new { key = secondKey })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Http.PostAsJsonAsync($"{CatalogApi.Prefix}/keys/lookup", new { key = "dmk_guessed" })).StatusCode);
    }

    private async Task<JsonElement> Lookup(string key) => await Http.SendOkAsync(HttpMethod.Post, "keys/lookup", new { key });
}
