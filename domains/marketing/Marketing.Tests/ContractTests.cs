using DataMesh.Contracts;
using DataMesh.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketing.Tests;

/// <summary>What the leads contract promises consumers, as the service loaded it at start.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ContractTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_leads_contract_marks_name_and_email_as_confidential_personal_data_and_states_its_service_levels()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);
        var catalogue = marketing.Services.GetRequiredService<DataProductCatalogue>();

        var contract = Assert.Single(catalogue.Contracts, c => c.Id == "marketing.leads.events");

        var captured = contract.SchemaObject("LeadCaptured").Properties;
        Assert.Equal(["email", "name"], captured.Where(p => p.IsPersonalData).Select(p => p.Name).Order());
        Assert.All(captured.Where(p => p.IsPersonalData), p => Assert.Equal(Classification.Confidential, p.Classification));
        Assert.All(contract.Schema.SelectMany(o => o.Properties), p => Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Name));
        Assert.All(["freshness", "latency", "retention"], sla => Assert.NotNull(contract.SlaProperty(sla)));
        Assert.Equal("marketing.leads.v1", contract.EventServer!.Topic);
        Assert.Equal("/api/marketing/leads", contract.QueryServer!.Location);
    }
}
