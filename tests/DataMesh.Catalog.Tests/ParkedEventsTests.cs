using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// A domain's report of its parked outbox events on a real database: only the owning domain's service reports for its
/// products; the product's facts and page show what it reported.
/// </summary>
public sealed class ParkedEventsTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    private const string ParkedEvents = $"{CatalogApi.Prefix}/parked-events";
    private static readonly DateTimeOffset Oldest = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
    }

    private static ParkedEventsReportRequest HrReport(int count) =>
        new("hr", [new ParkedEvents("hr.employees", count, count > 0 ? Oldest : null, count > 0 ? "kafka: invalid configuration (Attempt to produce message larger than configured Producer.MaxMessageBytes: 3100 > 2000)" : null)]);

    [Fact]
    public async Task The_owning_domains_service_reports_and_the_product_facts_and_page_show_it_and_a_later_report_clears_it()
    {
        var response = await Catalog.ServiceClient("hr").PutAsJsonAsync(ParkedEvents, HrReport(2));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var facts = await Http.GetFromJsonAsync<JsonElement>($"{CatalogApi.Prefix}/products/hr.employees");
        var parked = facts.GetProperty("parked");
        Assert.Equal(2, parked.GetProperty("count").GetInt32());
        Assert.Equal(Oldest, parked.GetProperty("oldestParkedAt").GetDateTimeOffset());
        Assert.Contains("Producer.MaxMessageBytes", parked.GetProperty("oldestReason").GetString(), StringComparison.Ordinal);
        var page = await Http.GetStringAsync("/products/hr.employees");
        Assert.Contains("Parked in the outbox", page, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"breach\">2</strong>", page, StringComparison.Ordinal);
        Assert.Contains("2026-12-06 12:00:00Z", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await Catalog.ServiceClient("hr").PutAsJsonAsync(ParkedEvents, HrReport(0))).StatusCode);
        facts = await Http.GetFromJsonAsync<JsonElement>($"{CatalogApi.Prefix}/products/hr.employees");
        Assert.Equal(0, facts.GetProperty("parked").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, facts.GetProperty("parked").GetProperty("oldestReason").ValueKind);
    }

    [Fact]
    public async Task Nobody_but_the_owning_domains_service_may_report_its_products_parked_events()
    {
        // Anonymous, a consumer's key through the gateway, the gateway itself, another domain's service for hr or for
        // hr's product under its own name: refused, and nothing stored.
        var anonymous = await Http.PutAsJsonAsync(ParkedEvents, HrReport(1));
        var consumer = await Catalog.ConsumerClient("finance.payroll", "payroll-team").PutAsJsonAsync(ParkedEvents, HrReport(1));
        var gateway = await Catalog.ServiceClient(ServiceCredentials.Gateway).PutAsJsonAsync(ParkedEvents, HrReport(1));
        var otherDomain = await Catalog.ServiceClient("finance").PutAsJsonAsync(ParkedEvents, HrReport(1));
        var otherProduct = await Catalog.ServiceClient("finance").PutAsJsonAsync(ParkedEvents, HrReport(1) with { Domain = "finance" });
        var wrongCredential = await Catalog.ClientWith((MeshHeaders.ServiceCredential, "not-a-credential")).PutAsJsonAsync(ParkedEvents, HrReport(1));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCredential.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, consumer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, gateway.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherDomain.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherProduct.StatusCode);
        Assert.Contains("products[0].dataProductId", await otherProduct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await Catalog.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ParkedEvents)));
    }

    [Fact]
    public async Task A_bad_report_is_refused_with_a_problem_naming_the_field()
    {
        var negative = await Catalog.ServiceClient("hr").PutAsJsonAsync(ParkedEvents, new ParkedEventsReportRequest("hr", [new ParkedEvents("hr.employees", -1, null, null)]));
        var noProducts = await Catalog.ServiceClient("hr").PutAsJsonAsync(ParkedEvents, new { domain = "hr" });

        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("products[0].count", await negative.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noProducts.StatusCode);
        Assert.Contains("products", await noProducts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
