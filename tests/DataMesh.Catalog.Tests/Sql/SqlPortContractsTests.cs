using DataMesh.Catalog.Sql.Federation;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataMesh.Catalog.Tests.Sql;

/// <summary>Which registered contracts the mesh database federates, and as what: the contract as the domains write it.</summary>
public sealed class SqlPortContractsTests
{
    private static string Contract(string version, string extraColumn = "", string server = "type: postgres\n    host: postgres\n    port: 5432\n    database: hr\n    schema: headcount_v1") => $"""
        apiVersion: v3.1.0
        kind: DataContract
        id: hr.headcount.tables
        version: {version}
        status: active
        domain: hr
        dataProduct: hr.headcount
        description:
          purpose: Headcount per cost center.
          usage: Planning.
          limitations: Aggregated.
        schema:
          - name: headcount
            physicalName: headcount
            physicalType: table
            logicalType: object
            properties:
              - name: costCenter
                physicalName: cost_center
                logicalType: string
                required: true
                classification: internal
              - name: employees
                logicalType: integer
                required: true
                classification: internal
              - name: asOf
                physicalName: as_of
                logicalType: date
                required: true
                classification: internal{extraColumn}
        servers:
          - server: headcount-tables
            {server}
        """;

    private const string Budget = """

              - name: budget
                logicalType: number
                required: false
                classification: confidential
        """;

    [Fact]
    public void A_contract_with_a_postgres_server_is_a_port_whose_tables_and_columns_come_from_its_objects_by_their_physical_names()
    {
        var port = Assert.Single(SqlPortContracts.Newest([new("hr.headcount.tables", "headcount.odcs.yaml", Contract("1.0.0"))], NullLogger.Instance));

        Assert.Equal(("hr", "hr", "headcount_v1", "hr_headcount_v1"), (port.Domain, port.Database, port.RemoteSchema, port.LocalSchema));
        var table = Assert.Single(port.Tables);
        Assert.Equal(("headcount", "headcount"), (table.Name, table.RemoteName));
        Assert.Equal(
            [new FederatedColumn("cost_center", "cost_center", "text"), new("employees", "employees", "bigint"), new("as_of", "as_of", "timestamp with time zone")],
            table.Columns);
    }

    [Fact]
    public void Of_each_major_version_only_the_newest_counts_and_a_contract_without_a_postgres_server_is_no_port()
    {
        var ports = SqlPortContracts.Newest(
        [
            new("hr.headcount.tables", "a.odcs.yaml", Contract("1.0.0")),
            new("hr.headcount.tables", "b.odcs.yaml", Contract("1.1.0", Budget)),
            new("hr.headcount.api", "c.odcs.yaml", Contract("1.0.0", server: "type: api\n    location: /api/hr/headcount").Replace("hr.headcount.tables", "hr.headcount.api", StringComparison.Ordinal)),
        ], NullLogger.Instance);

        var port = Assert.Single(ports);
        Assert.Equal("numeric", Assert.Single(port.Tables).Columns.Single(column => column.Name == "budget").Type);
    }
}
