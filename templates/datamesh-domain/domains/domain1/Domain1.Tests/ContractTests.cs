using System.Net;
using DataMesh.Contracts;
using DataMesh.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Domain1.Tests;

/// <summary>What the product1 contract promises consumers, as the service loaded it at start.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ContractTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_contract_names_the_topic_and_the_query_endpoint_the_service_answers()
    {
        await using var domain1 = await Domain1Service.StartAsync(postgres);
        var catalogue = domain1.Services.GetRequiredService<DataProductCatalogue>();

        var contract = Assert.Single(catalogue.Contracts, c => c.Id == "domain1.product1.events");

        Assert.Equal("domain1.product1.v1", contract.EventServer!.Topic);
        Assert.Equal(Domain1Service.Product1, contract.QueryServer!.Location);
        Assert.Equal(HttpStatusCode.OK, (await domain1.Client.GetAsync(contract.QueryServer!.Location)).StatusCode);
        Assert.All(["freshness", "latency", "retention"], sla => Assert.NotNull(contract.SlaProperty(sla)));
    }
}
