using DataMesh.Testing;

namespace Marketing.Tests;

/// <summary>The migrations make each SQL output port's schema exactly as its contract describes it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SqlPortSchemaTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_live_schema_of_every_sql_port_equals_its_contract()
    {
        await using var marketing = await MarketingService.StartAsync(postgres);

        SqlPortAssert.SchemasEqualContracts(await marketing.SqlPortSchemasAsync(), "marketing.campaigns.tables", "marketing.leads.tables");
    }
}
