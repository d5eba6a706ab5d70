using DataMesh.Testing;

namespace Finance.Tests;

/// <summary>
/// The domain's own contracts declare ODCS quality rules on its tables (at least one library and one sql rule for each
/// product); on the demo data every one of them is measured and kept, which also proves the tables and columns they
/// name exist in the migrated database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class QualityRulesTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Every_quality_rule_of_the_domains_products_passes_on_the_demo_data()
    {
        await using var service = await FinanceService.StartAsync(postgres, demoData: true);

        QualityRulesAssert.AllKept(await service.QualityRulesAsync());
    }
}
