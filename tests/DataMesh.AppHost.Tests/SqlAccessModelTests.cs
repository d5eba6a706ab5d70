using DataMesh.DataProducts.SqlPorts;
using Microsoft.Extensions.Hosting;

namespace DataMesh.AppHost.Tests;

/// <summary>
/// The mesh's SQL access in the model, in either mode: the <c>mesh</c> database owned by the <c>mesh</c> role, the
/// provisioning role and the consumers' group, both connections given to the catalog alone, and the domain databases the
/// catalog federates.
/// </summary>
public sealed class SqlAccessModelTests
{
    private static readonly string[] Domains = ["finance", "hr", "marketing"];

    public static TheoryData<string> Modes => ["containers", "local"];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_mesh_database_belongs_to_the_mesh_role_and_the_provisioner_signs_in_to_it_with_a_secret_of_its_own(string mode)
    {
        await using var appHost = await BuildAsync(mode);
        var model = appHost.Model;

        var meshDb = model.Single<IResourceWithConnectionString>(SqlPortConnections.MeshDatabase);
        Assert.Equal(
            "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=mesh;Password={mesh-db-password.value};Database=mesh",
            meshDb.ConnectionStringExpression.ValueExpression);
        Assert.True(model.Single<ParameterResource>("mesh-db-password").Secret);

        var provisioner = model.Single<ConnectionStringResource>(SqlPortConnections.Provisioner);
        Assert.Equal(
            "Host={postgres.bindings.tcp.host};Port={postgres.bindings.tcp.port};Username=mesh_provisioner;Password={mesh-provisioner-password.value};Database=mesh",
            provisioner.ConnectionStringExpression.ValueExpression);
        var password = model.Single<ParameterResource>("mesh-provisioner-password");
        Assert.True(password.Secret);
        // Healthy once it signs in, which the superuser's step makes possible last of all.
        Assert.Contains(SqlPortConnections.MeshDatabase, provisioner.WaitsOf());
        Assert.Contains(provisioner.Annotations.OfType<HealthCheckAnnotation>(), check => check.Key == $"{SqlPortConnections.Provisioner}_check");

        var access = Assert.Single(model.Single<IResource>("postgres").Annotations.OfType<MeshSqlAccessAnnotation>());
        Assert.Equal(("mesh", "mesh", "mesh_provisioner", SqlPortConnections.ConsumersGroupRole), (access.Database, access.Owner, access.Provisioner, access.ConsumersGroup));
        Assert.Same(password, access.ProvisionerPassword);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Only_the_catalog_gets_the_mesh_connections_and_it_is_told_each_domains_database(string mode)
    {
        await using var appHost = await BuildAsync(mode);
        var model = appHost.Model;

        var catalog = model.Single<ProjectResource>("catalog");
        Assert.Contains(SqlPortConnections.MeshDatabase, catalog.ReferencesOf());
        Assert.Contains(SqlPortConnections.Provisioner, catalog.ReferencesOf());
        Assert.Contains(SqlPortConnections.MeshDatabase, catalog.WaitsOf());
        Assert.Contains(SqlPortConnections.Provisioner, catalog.WaitsOf());
        var environment = await catalog.EnvironmentOf();
        foreach (var domain in Domains)
        {
            Assert.Equal(domain, environment[$"{CatalogSettingKeys.MeshDomainDatabases.Replace(":", "__", StringComparison.Ordinal)}__{domain}"]);
        }

        foreach (var service in Domains.Append("gateway"))
        {
            var project = model.Single<ProjectResource>(service);
            Assert.DoesNotContain(SqlPortConnections.MeshDatabase, project.ReferencesOf());
            Assert.DoesNotContain(SqlPortConnections.Provisioner, project.ReferencesOf());
            Assert.DoesNotContain((await project.EnvironmentOf()).Keys, key => key.Contains("mesh-", StringComparison.Ordinal));
        }
    }

    private static Task<BuiltAppHost> BuildAsync(string mode) => mode == "local" ? AppHostModel.BuildAsync(AppHostModel.LocalMode) : AppHostModel.BuildAsync();
}
