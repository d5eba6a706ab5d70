using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// The edge's access matrix on the running mesh: keys issued by the catalog, grants decided by owner teams, the
/// domain teams' own keys, rates, and personal data masked for grants that do not cover it. Every refusal is a problem.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class EdgeAccessTests(LocalMesh mesh)
{
    /// <summary>Longer than the gateway's key cache (10 s) with room for a loaded machine.</summary>
    private static readonly TimeSpan KeyCache = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Without_a_key_only_the_catalog_ui_and_discovery_are_open()
    {
        using var anonymous = mesh.Gateway();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/catalog/v1/products?q=employees")).StatusCode);
        await Refusal.AssertAsync(await anonymous.GetAsync("/api/hr/employees"), HttpStatusCode.Unauthorized, MeshHeaders.ApiKey);
        await Refusal.AssertAsync(await anonymous.PostAsJsonAsync("/api/hr/employees", new { }), HttpStatusCode.Unauthorized, MeshHeaders.ApiKey);
        await Refusal.AssertAsync(
            await anonymous.PostAsJsonAsync("/api/catalog/v1/consumers", new { id = "sneaky", team = "nobody", actor = "x" }), HttpStatusCode.Unauthorized, MeshHeaders.ApiKey);
        await Refusal.AssertAsync(await anonymous.GetAsync("/api/catalog/v1/teams/people-platform/approval-queue"), HttpStatusCode.Unauthorized, MeshHeaders.ApiKey);
        await Refusal.AssertAsync(await anonymous.GetAsync($"/api/catalog/v1/access-requests/{Guid.NewGuid()}/audit"), HttpStatusCode.Unauthorized, MeshHeaders.ApiKey);
    }

    [Theory]
    [InlineData("POST", "/api/catalog/v1/keys/lookup")]
    [InlineData("GET", "/api/catalog/v1/edge/policy")]
    [InlineData("POST", "/api/catalog/v1/registrations")]
    [InlineData("GET", "/dapr/subscribe")]
    [InlineData("POST", "/dataproducts/finance.cost-center-actuals/inputs/employees")]
    public async Task What_the_mesh_calls_internally_is_not_routed_even_with_a_key(string method, string path)
    {
        using var hr = mesh.Gateway("hr");

        var response = await hr.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { key = "x" }) });

        await Refusal.AssertAsync(response, HttpStatusCode.NotFound, "path");
    }

    [Fact]
    public async Task A_bad_key_is_refused_and_a_revoked_key_stops_working()
    {
        using var bad = mesh.KeyedGateway("dmk_not-a-key-the-catalog-issued");
        await Refusal.AssertAsync(await bad.GetAsync("/api/hr/employees"), HttpStatusCode.Unauthorized, MeshHeaders.ApiKey);

        var reader = await ConsumerWithGrantAsync("hr.headcount", personalData: false);
        using var keyed = mesh.KeyedGateway(reader.Key);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/hr/headcount")).StatusCode);

        // A key may revoke itself.
        await GrantedConsumer.SendOkAsync(keyed, HttpMethod.Post, $"/api/catalog/v1/keys/{reader.KeyId}/revoke", new { });

        await Eventually.TrueAsync(
            async () => (await keyed.GetAsync("/api/hr/headcount")).StatusCode == HttpStatusCode.Unauthorized,
            KeyCache,
            () => $"The revoked key still works after {KeyCache}.");
    }

    [Fact]
    public async Task A_query_endpoint_takes_a_grant_for_its_data_product()
    {
        var reader = await ConsumerWithGrantAsync("hr.headcount", personalData: false);
        using var keyed = mesh.KeyedGateway(reader.Key);

        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/hr/headcount")).StatusCode);
        await Refusal.AssertAsync(await keyed.GetAsync("/api/hr/employees"), HttpStatusCode.Forbidden, MeshHeaders.ApiKey, "hr.employees");
        await Refusal.AssertAsync(await keyed.GetAsync("/api/finance/budgets"), HttpStatusCode.Forbidden, MeshHeaders.ApiKey, "finance.budgets");
    }

    [Fact]
    public async Task A_domains_commands_and_internal_reads_are_open_only_to_its_own_team()
    {
        using var finance = mesh.Gateway("finance");
        var reader = await ConsumerWithGrantAsync("hr.employees", personalData: true);
        using var granted = mesh.KeyedGateway(reader.Key);

        await Refusal.AssertAsync(await finance.PostAsJsonAsync("/api/hr/employees", new { name = "Not hired" }), HttpStatusCode.Forbidden, MeshHeaders.ApiKey, "people-platform");
        await Refusal.AssertAsync(await granted.PostAsJsonAsync("/api/hr/employees", new { name = "Not hired" }), HttpStatusCode.Forbidden, MeshHeaders.ApiKey);
        await Refusal.AssertAsync(await finance.GetAsync("/api/hr/departments"), HttpStatusCode.Forbidden, MeshHeaders.ApiKey);
        using var hr = mesh.Gateway("hr");
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/hr/departments")).StatusCode);
    }

    [Fact]
    public async Task Personal_data_is_masked_unless_the_grant_covers_it()
    {
        var masked = await ConsumerWithGrantAsync("hr.employees", personalData: false);
        var unmasked = await ConsumerWithGrantAsync("hr.employees", personalData: true);
        using var maskedGateway = mesh.KeyedGateway(masked.Key);
        using var unmaskedGateway = mesh.KeyedGateway(unmasked.Key);
        using var hr = mesh.Gateway("hr");

        var maskedAnswer = await maskedGateway.GetAsync("/api/hr/employees?pageSize=5");
        var plain = await unmaskedGateway.GetFromJsonAsync<JsonElement>("/api/hr/employees?pageSize=5");
        var own = await hr.GetFromJsonAsync<JsonElement>("/api/hr/employees?pageSize=5");

        Assert.Equal(HttpStatusCode.OK, maskedAnswer.StatusCode);
        Assert.Equal("birthDate,email,name", string.Join(',', maskedAnswer.Headers.GetValues("X-DataMesh-Masked")));
        var maskedItems = (await maskedAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        var plainItems = plain.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(maskedItems);
        Assert.Equal(plainItems.Select(e => e.GetProperty("id").GetGuid()), maskedItems.Select(e => e.GetProperty("id").GetGuid()));
        Assert.All(maskedItems, employee =>
        {
            Assert.Equal(("***", "***", "***"), (employee.GetProperty("name").GetString(), employee.GetProperty("email").GetString(), employee.GetProperty("birthDate").GetString()));
            Assert.NotEqual("***", employee.GetProperty("title").GetString());
        });
        Assert.All(plainItems, employee => Assert.Contains('@', employee.GetProperty("email").GetString()!));
        Assert.Equal(own.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("email").GetString()), plainItems.Select(e => e.GetProperty("email").GetString()));

        // One employee: the owner's answer carries its version; the masked one neither claims it nor may be cached for others.
        var employee = $"/api/hr/employees/{plainItems[0].GetProperty("id").GetGuid()}";
        var ownOne = await hr.GetAsync(employee);
        var maskedOne = await maskedGateway.GetAsync(employee);
        Assert.NotNull(ownOne.Headers.ETag);
        Assert.True(ownOne.Headers.CacheControl?.Private);
        Assert.Equal(HttpStatusCode.OK, maskedOne.StatusCode);
        Assert.Null(maskedOne.Headers.ETag);
        Assert.True(maskedOne.Headers.CacheControl?.Private);
        Assert.Equal("***", (await maskedOne.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_consumer_over_its_rate_gets_429_with_retry_after()
    {
        var slow = await ConsumerWithGrantAsync("hr.headcount", personalData: false, requestsPerSecond: 1);
        using var keyed = mesh.KeyedGateway(slow.Key);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await keyed.GetAsync("/api/hr/headcount"));
        }

        Assert.Equal(HttpStatusCode.OK, answers[0].StatusCode);
        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await Refusal.AssertAsync(limited, HttpStatusCode.TooManyRequests, MeshHeaders.ApiKey);
    }

    [Fact]
    public async Task An_address_guessing_keys_waits_while_keys_the_gateway_knows_still_pass()
    {
        var reader = await ConsumerWithGrantAsync("hr.headcount", personalData: false);
        using var known = mesh.KeyedGateway(reader.Key);
        Assert.Equal(HttpStatusCode.OK, (await known.GetAsync("/api/hr/headcount")).StatusCode);

        // Four times the default budget of look-ups per second and address, at once, each key new to the gateway.
        var guesses = await Task.WhenAll(Enumerable.Range(0, 80).Select(async _ =>
        {
            using var guess = mesh.KeyedGateway($"dmk_guess-{Guid.NewGuid():N}");
            return await guess.GetAsync("/api/hr/headcount");
        }));
        var stillKnown = await known.GetAsync("/api/hr/headcount");

        Assert.All(guesses, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        Assert.Contains(guesses, answer => answer.StatusCode == HttpStatusCode.Unauthorized);
        var waiting = guesses.First(answer => answer.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(waiting.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await Refusal.AssertAsync(waiting, HttpStatusCode.TooManyRequests, MeshHeaders.ApiKey, "too many keys unknown to the gateway");
        Assert.Equal(HttpStatusCode.OK, stillKnown.StatusCode);

        // The budget comes back: new keys are looked up again.
        using var later = mesh.KeyedGateway($"dmk_guess-{Guid.NewGuid():N}");
        await Eventually.TrueAsync(
            async () => (await later.GetAsync("/api/hr/headcount")).StatusCode == HttpStatusCode.Unauthorized,
            TimeSpan.FromSeconds(10),
            () => "Unknown keys from this address were still refused with 429 after 10 s.");

        // The budget is refilled whole once a second: after one more second, the next tests' new keys have all of it.
        await Task.Delay(TimeSpan.FromSeconds(1.2));
    }

    [Fact]
    public async Task A_bounded_load_through_the_edge_has_no_errors()
    {
        const int Requests = 2_000;
        const int Concurrency = 8;
        var reader = await ConsumerWithGrantAsync("hr.headcount", personalData: false, requestsPerSecond: 100_000);
        using var keyed = mesh.KeyedGateway(reader.Key);
        var next = 0;
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= Requests)
            {
                using var response = await keyed.GetAsync("/api/hr/headcount");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
            }
        }));

        Assert.Empty(failures);
    }

    /// <summary>A new consumer of the analytics team with a key and a grant: the administrator sets it up, the owner domain's team approves.</summary>
    private async Task<GrantedConsumer> ConsumerWithGrantAsync(string dataProductId, bool personalData, int? requestsPerSecond = null)
    {
        using var administrator = await mesh.SignedInAdministratorAsync();
        using var owner = mesh.Gateway(dataProductId.Split('.')[0]);
        return await GrantedConsumer.CreateAsync(administrator, owner, dataProductId, personalData, requestsPerSecond);
    }
}
