using DataMesh.Contracts;
using DataMesh.Testing;

namespace DataMesh.DataProducts.Tests;

/// <summary>
/// The contract library's one reading of a SQL output port (<see cref="SqlPort.Of"/>), which the grants reconciler, the
/// live-schema check, the catalog's port directory and the mesh federation share: what it makes of a real domain contract.
/// </summary>
public sealed class SqlPortModelTests
{
    private static DataContract Contract(string domain, string file)
    {
        var path = Path.Combine(RepositoryLayout.Root, "domains", domain, char.ToUpperInvariant(domain[0]) + domain[1..], "DataProducts", file);
        return DataProductCatalogueLoader.LoadContract(path, File.ReadAllText(path));
    }

    [Fact]
    public void The_employees_port_is_its_postgres_servers_schema_with_the_views_columns_by_physical_name_type_and_personal_flag()
    {
        var port = SqlPort.Of(Contract("hr", "employees-tables.odcs.yaml"));

        Assert.NotNull(port);
        Assert.Equal(("hr.employees", "hr", "hr.employees.tables", "1.0.0"), (port.DataProductId, port.Domain, port.ContractId, port.Version.ToString()));
        Assert.Equal(("employees-tables", "hr", "employees_v1"), (port.Server.Server, port.Database, port.Schema));
        var view = Assert.Single(port.Objects);
        Assert.Equal(("employees", "employees", SchemaObject.ViewPhysicalType), (view.Name, view.PhysicalName, view.Kind));
        var id = view.Columns[0];
        Assert.Equal(("employeeId", "employee_id", "uuid", "uuid", true, true, Classification.Internal, false),
            (id.Name, id.PhysicalName, id.PhysicalType, id.Format, id.Required, id.PrimaryKey, id.Classification, id.IsPersonalData));
        Assert.Equal(["name", "email", "birth_date"], view.Columns.Where(c => c.IsPersonalData).Select(c => c.PhysicalName));
        Assert.True(view.HasPersonalData);
        Assert.DoesNotContain("birth_date", view.NonPersonalColumns);
        Assert.Contains("monthly_salary", view.NonPersonalColumns);
        Assert.All(view.Columns, c => Assert.False(string.IsNullOrEmpty(c.PhysicalType)));
    }

    [Fact]
    public void An_event_contract_has_no_sql_port_and_the_mesh_names_a_schema_by_product_and_major_version()
    {
        var events = Contract("hr", "employees.odcs.yaml");

        Assert.Null(SqlPort.Of(events));
        Assert.Null(SqlPort.Of(events, events.EventServer));
        Assert.Equal("cost_center_actuals_v1", SqlPort.SchemaName(Contract("finance", "cost-center-actuals-tables.odcs.yaml")));
    }
}
