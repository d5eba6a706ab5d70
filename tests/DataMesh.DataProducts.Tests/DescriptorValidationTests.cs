namespace DataMesh.DataProducts.Tests;

/// <summary>Broken descriptors, and references between descriptors and contracts that do not hold.</summary>
public sealed class DescriptorValidationTests : IDisposable
{
    private const string Employees = DefinitionsFolder.EmployeesDescriptor;
    private const string Payroll = DefinitionsFolder.PayrollDescriptor;
    private readonly DefinitionsFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(Employees, "apiVersion: v1.0.0", "apiVersion: v1.1.0", "hr/employees.odps.yaml:2:1: apiVersion: 'v1.1.0' is not one of v1.0.0, v0.9.0")]
    [InlineData(Employees, "kind: DataProduct", "kind: DataProducts", "hr/employees.odps.yaml:3:1: kind: 'DataProducts' is not one of DataProduct")]
    [InlineData(Employees, "id: hr.employees", "id: HR Employees",
        "hr/employees.odps.yaml:4:1: id: 'HR Employees' is not an identifier (lower-case letters, digits, '.', '-', '_', e.g. hr.employees)")]
    [InlineData(Employees, "name: Employees\n", "", "hr/employees.odps.yaml:2:1: name: is required")]
    [InlineData(Employees, "version: 1.0.0\nstatus", "version: 1.0\nstatus", "hr/employees.odps.yaml:6:1: version: expected text, found '1.0' (quote it to make it text)")]
    [InlineData(Employees, "version: 1.0.0\nstatus", "version: '1.0'\nstatus", "hr/employees.odps.yaml:6:1: version: '1.0' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)")]
    [InlineData(Employees, "status: active", "status: live", "hr/employees.odps.yaml:7:1: status: 'live' is not one of proposed, draft, active, deprecated, retired")]
    [InlineData(Employees, "  usage: Subscribe to the events to keep a local copy; query the API for the current state.\n", "",
        "hr/employees.odps.yaml:11:3: description.usage: is required")]
    [InlineData(Employees, "team:\n  name: people-platform\n", "team:\n", "hr/employees.odps.yaml:15:3: team.name: is required")]
    [InlineData(Employees, "tags: [hr, employees]", "tags: [hr, employees]\nmanagementPort: []",
        "hr/employees.odps.yaml:28:1: managementPort: unknown field; expected one of apiVersion, kind, id, name, version, status, domain, tenant, authoritativeDefinitions, description, customProperties, tags, inputPorts, outputPorts, managementPorts, support, team, productCreatedTs")]
    [InlineData(Employees, "    contractId: hr.employees.events", "    contractID: hr.employees.events",
        "hr/employees.odps.yaml:26:5: outputPorts[0].contractID: unknown field; expected one of name, description, type, version, contractId, sbom, inputContracts, tags, customProperties, authoritativeDefinitions")]
    [InlineData(Payroll, "    version: 1.0.0\noutputPorts", "    version: latest\noutputPorts",
        "finance/payroll.odps.yaml:21:5: inputPorts[0].version: 'latest' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0)")]
    [InlineData(Payroll, "    customProperties:\n      - property: dataProductId\n        value: hr.employees\n", "",
        "finance/payroll.odps.yaml:16:5: inputPorts[0].customProperties: needs a {property: dataProductId, value: <id>} entry naming the upstream data product")]
    public void A_broken_descriptor_is_reported_at_its_line(string file, string text, string replacement, params string[] expected)
    {
        folder.Replace(file, text, replacement);

        Assert.Equal(expected, folder.Errors());
    }

    [Fact]
    public void A_product_without_output_ports_is_refused()
    {
        // Valid ODPS (the standard makes output ports optional); the mesh's governance asks for one.
        folder.Replace(Payroll, "outputPorts:\n  - name: payroll-costs\n    description: Salary cost booked per department and month.\n    version: 1.0.0\n    contractId: finance.payroll.costs", "outputPorts: []");

        Assert.Equal(
            [
                "finance/payroll.odps.yaml:22:1: outputPorts: needs at least one entry",
            ],
            folder.Errors());
    }

    [Theory]
    [InlineData(Payroll, "    version: 1.0.0\noutputPorts", "    version: 1.1.0\noutputPorts",
        "finance/payroll.odps.yaml:21:5: inputPorts[0].version: no version of contract hr.employees.events is compatible with 1.1.0 (same major, at least as new); found 1.0.0")]
    [InlineData(Payroll, "    contractId: hr.employees.events", "    contractId: hr.staff.events",
        "finance/payroll.odps.yaml:20:5: inputPorts[0].contractId: no contract (*.odcs.yaml) has id 'hr.staff.events'")]
    [InlineData(Payroll, "        value: hr.employees", "        value: hr.staff",
        "finance/payroll.odps.yaml:19:9: inputPorts[0].customProperties[dataProductId]: 'hr.staff' is not the id of any data product descriptor (*.odps.yaml)")]
    [InlineData(Payroll, "        value: hr.employees", "        value: finance.payroll",
        "finance/payroll.odps.yaml:19:9: inputPorts[0].customProperties[dataProductId]: contract hr.employees.events is offered by data product hr.employees, not finance.payroll")]
    [InlineData(Employees, "    version: 1.0.0\n    contractId", "    version: 1.1.0\n    contractId",
        "hr/employees.odcs.yaml:6:1: version: no output port of data product hr.employees offers contract hr.employees.events version 1.0.0",
        "hr/employees.odps.yaml:25:5: outputPorts[0].version: contract hr.employees.events has no version 1.1.0 (found 1.0.0)")]
    [InlineData(DefinitionsFolder.EmployeesContract, "domain: hr", "domain: people",
        "hr/employees.odcs.yaml:8:1: domain: 'people' differs from 'hr', the domain of data product hr.employees")]
    [InlineData(DefinitionsFolder.EmployeesContract, "dataProduct: hr.employees", "dataProduct: finance.payroll",
        "finance/payroll.odps.yaml:19:9: inputPorts[0].customProperties[dataProductId]: contract hr.employees.events is offered by data product finance.payroll, not hr.employees",
        "hr/employees.odcs.yaml:8:1: domain: 'hr' differs from 'finance', the domain of data product finance.payroll",
        "hr/employees.odps.yaml:26:5: outputPorts[0].contractId: contract hr.employees.events belongs to data product finance.payroll, not hr.employees")]
    [InlineData(DefinitionsFolder.EmployeesContract, "dataProduct: hr.employees", "dataProduct: hr.staff",
        "finance/payroll.odps.yaml:19:9: inputPorts[0].customProperties[dataProductId]: contract hr.employees.events is offered by data product hr.staff, not hr.employees",
        "hr/employees.odcs.yaml:9:1: dataProduct: 'hr.staff' is not the id of any data product descriptor (*.odps.yaml)",
        "hr/employees.odps.yaml:26:5: outputPorts[0].contractId: contract hr.employees.events belongs to data product hr.staff, not hr.employees")]
    public void A_reference_that_does_not_hold_is_reported_where_it_is_written(string file, string text, string replacement, params string[] expected)
    {
        folder.Replace(file, text, replacement);

        Assert.Equal(expected, folder.Errors());
    }

    [Fact]
    public void A_product_defined_twice_is_reported_at_the_second_definition()
    {
        folder.Write("hr/copy.odps.yaml", File.ReadAllText(Path.Combine(folder.Path, Employees)));

        Assert.Equal(["hr/employees.odps.yaml:4:1: id: data product hr.employees is already defined at hr/copy.odps.yaml:4:1"], folder.Errors());
    }

    [Fact]
    public void A_broken_descriptor_is_not_echoed_as_dangling_references_from_the_files_that_use_it()
    {
        folder.Replace(Employees, "team:\n  name: people-platform\n  description: Owns the HR system of record.\n  members:\n    - username: ada@example.com\n      name: Ada Lovelace\n      role: owner\n", "");

        Assert.Equal(["hr/employees.odps.yaml:2:1: team: is required"], folder.Errors());
    }
}
