using DataMesh.DomainServices.Persistence;

namespace Finance.Persistence;

public sealed class FinanceDbContextFactory : DesignTimeDbContextFactory<FinanceDbContext>;
