using DataMesh.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Semver;

namespace DataMesh.DataProducts.Tests;

public sealed class CatalogueLoadingTests : IDisposable
{
    private readonly DefinitionsFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Loads_the_descriptor_with_the_odps_fields()
    {
        var employees = folder.Load().FindDataProduct("hr.employees");

        Assert.NotNull(employees);
        Assert.Equal(("Employees", "1.0.0", DataProductStatus.Active, "hr", "datamesh"), (employees.Name, employees.Version.ToString(), employees.Status, employees.Domain, employees.Tenant));
        Assert.Equal("Who works for the company, from hire to termination.", employees.Description.Purpose);
        Assert.Equal("people-platform", employees.Team.Name);
        Assert.Equal(new TeamMember("ada@example.com", "Ada Lovelace", "owner"), Assert.Single(employees.Team.Members));
        var port = Assert.Single(employees.OutputPorts);
        Assert.Equal(("employee-events", "events", "hr.employees.events"), (port.Name, port.Type, port.ContractId));
        Assert.Equal(["hr", "employees"], employees.Tags);
        Assert.Empty(employees.InputPorts);
    }

    [Fact]
    public void Resolves_an_input_port_to_a_compatible_contract_of_the_upstream_product()
    {
        var catalogue = folder.Load();
        var port = Assert.Single(catalogue.FindDataProduct("finance.payroll")!.InputPorts);

        Assert.Equal(("hr.employees", "hr.employees.events", "1.0.0"), (port.DataProductId, port.ContractId, port.Version.ToString()));
        Assert.Same(catalogue.FindContract("hr.employees.events", SemVersion.Parse("1.0.0")), catalogue.FindCompatibleContract(port.ContractId, port.Version));
    }

    [Fact]
    public void A_consumer_of_an_older_minor_version_gets_the_newest_compatible_contract_and_never_a_new_major()
    {
        var v1 = File.ReadAllText(Path.Combine(folder.Path, DefinitionsFolder.EmployeesContract));
        folder
            .Write("hr/employees-1.1.odcs.yaml", v1.Replace("version: 1.0.0", "version: 1.1.0"))
            .Write("hr/employees-2.0.odcs.yaml", v1.Replace("version: 1.0.0", "version: 2.0.0"))
            .Replace(DefinitionsFolder.EmployeesDescriptor, "tags: [hr, employees]", """
                  - name: employee-events
                    description: Minor update.
                    version: 1.1.0
                    contractId: hr.employees.events
                  - name: employee-events
                    description: Breaking update.
                    version: 2.0.0
                    contractId: hr.employees.events
                """);

        var catalogue = folder.Load();

        Assert.Equal("1.1.0", catalogue.FindCompatibleContract("hr.employees.events", SemVersion.Parse("1.0.0"))!.Version.ToString());
        Assert.Null(catalogue.FindCompatibleContract("hr.employees.events", SemVersion.Parse("1.2.0")));
        Assert.Equal(3, catalogue.ContractsOffered(catalogue.FindDataProduct("hr.employees")!).Count);
    }

    [Fact]
    public void Loads_the_contract_schema_with_classification_and_personal_data()
    {
        var contract = folder.Load().FindContract("hr.employees.events", SemVersion.Parse("1.0.0"))!;
        var hired = contract.SchemaObject("EmployeeHired");

        Assert.Equal(["EmployeeHired", "EmployeeChanged", "EmployeeTerminated"], contract.Schema.Select(o => o.Name));
        Assert.Equal(
            ["employeeId", "name", "email", "birthDate"],
            hired.Properties.Where(p => p.IsPersonalData || p.PrimaryKey).Select(p => p.Name));
        Assert.All(hired.Properties.Where(p => p.IsPersonalData), p => Assert.True(p.Classification >= Classification.Confidential));
        var email = hired.Properties.Single(p => p.Name == "email");
        Assert.Equal((LogicalType.String, "email", true, Classification.Confidential), (email.LogicalType, email.Options.Format, email.Required, email.Classification));
        Assert.Equal("ada@example.com", email.Examples.Single()!.GetValue<string>());
        Assert.Equal(["EUR", "USD", "GBP"], hired.Properties.Single(p => p.Name == "currency").Options.Enum!);
        Assert.Equal(LogicalType.String, hired.Properties.Single(p => p.Name == "skills").Items!.LogicalType);
        Assert.Equal("Ada Lovelace", hired.Examples.Single().Value!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Reads_the_sla_as_durations_and_the_servers_as_topic_and_endpoint()
    {
        var contract = folder.Load().FindContract("hr.employees.events", SemVersion.Parse("1.0.0"))!;

        Assert.Equal(TimeSpan.FromSeconds(5), contract.SlaProperty("freshness")!.Duration);
        Assert.Equal(TimeSpan.FromDays(7 * 365), contract.SlaProperty("retention")!.Duration);
        Assert.Null(contract.SlaProperty("availability")!.Duration);
        Assert.Equal(("hr.employees.v1", "json"), (contract.EventServer!.Topic, contract.EventServer!.Format));
        Assert.Equal("/api/hr/employees", contract.QueryServer!.Location);
    }

    [Fact]
    public void A_service_gets_the_catalogue_from_its_host_and_an_invalid_definition_stops_the_build()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddDataProductCatalogue(folder.Path);
        using var host = builder.Build();
        Assert.Equal(2, host.Services.GetRequiredService<DataProductCatalogue>().Contracts.Count);

        folder.Replace(DefinitionsFolder.EmployeesContract, "status: active", "status: live");
        var exception = Assert.Throws<DataProductDefinitionException>(() => Host.CreateApplicationBuilder().AddDataProductCatalogue(folder.Path));
        Assert.Equal(
            $"1 problem(s) in the data product descriptors and contracts:{Environment.NewLine}hr/employees.odcs.yaml:7:1: status: 'live' is not one of proposed, draft, active, deprecated, retired",
            exception.Message);
    }

    [Fact]
    public void A_missing_or_empty_folder_is_refused_rather_than_giving_an_empty_catalogue()
    {
        Assert.Throws<DirectoryNotFoundException>(() => DataProductCatalogueLoader.Load(Path.Combine(folder.Path, "absent")));
        Directory.CreateDirectory(Path.Combine(folder.Path, "empty"));
        Assert.Throws<FileNotFoundException>(() => DataProductCatalogueLoader.Load(Path.Combine(folder.Path, "empty")));
    }

    [Fact]
    public void A_consumer_does_not_carry_the_upstreams_of_its_upstream_but_its_own_input_ports_must_resolve()
    {
        folder.Replace(DefinitionsFolder.EmployeesDescriptor, "outputPorts:", """
            inputPorts:
              - name: accounts
                customProperties:
                  - property: dataProductId
                    value: identity.accounts
                contractId: identity.accounts.events
                version: 1.0.0
            outputPorts:
            """);

        var asFinance = DataProductCatalogueLoader.Load(folder.Path, ownDomain: "finance");
        var asHr = Assert.Throws<DataProductDefinitionException>(() => DataProductCatalogueLoader.Load(folder.Path, ownDomain: "hr"));

        Assert.NotNull(asFinance.FindDataProduct("hr.employees"));
        Assert.Contains("hr/employees.odps.yaml", asHr.Message);
        Assert.Contains("customProperties[dataProductId]: 'identity.accounts' is not the id of any data product descriptor", asHr.Message);
    }
}
