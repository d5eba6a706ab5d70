using DataMesh.DomainServices.Persistence;

namespace Domain1.Persistence;

public sealed class Domain1DbContextFactory : DesignTimeDbContextFactory<Domain1DbContext>;
