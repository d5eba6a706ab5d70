using DataMesh.Testing;

namespace Finance.Tests;

/// <summary>The migrations make each SQL output port's schema exactly as its contract describes it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SqlPortSchemaTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task The_live_schema_of_every_sql_port_equals_its_contract()
    {
        await using var finance = await FinanceService.StartAsync(postgres);

        SqlPortAssert.SchemasEqualContracts(await finance.SqlPortSchemasAsync(), "finance.budgets.tables", "finance.cost-center-actuals.tables");
    }
}
