using DataMesh.DomainServices.Persistence;

namespace Hr.Persistence;

public sealed class HrDbContextFactory : DesignTimeDbContextFactory<HrDbContext>;
