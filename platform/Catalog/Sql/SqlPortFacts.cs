using DataMesh.Contracts;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// A data product's SQL output port as its registered contract states it: the <c>postgres</c> server (host, port, database,
/// the port's schema) and the tables and views in it, each column with its classification and whether it is personal data.
/// </summary>
public sealed record SqlPortFacts(
    string DataProductId,
    string Port,
    string ContractId,
    string ContractVersion,
    string? Host,
    int? ServerPort,
    string Database,
    string Schema,
    IReadOnlyList<SqlTableFacts> Tables)
{
    /// <summary>The facts the catalog shows of <paramref name="port"/>, offered by <paramref name="productId"/> as its output port <paramref name="portName"/>.</summary>
    public static SqlPortFacts Of(string productId, string portName, SqlPort port) => new(
        productId, portName, port.ContractId, port.Version.ToString(), port.Server.Host, port.Server.Port, port.Database ?? string.Empty, port.Schema,
        port.Objects.Select(table => new SqlTableFacts(
            table.PhysicalName,
            table.Kind,
            table.Description,
            table.Columns.Select(column => new SqlColumnFacts(
                column.PhysicalName,
                column.LogicalType.ToString().ToLowerInvariant(),
                column.Classification.ToString().ToLowerInvariant(),
                column.IsPersonalData,
                column.Description)).ToList())).ToList());
}

/// <summary>A table or view of a SQL port.</summary>
public sealed record SqlTableFacts(string Name, string PhysicalType, string? Description, IReadOnlyList<SqlColumnFacts> Columns);

/// <summary>A column of a SQL port's table or view.</summary>
public sealed record SqlColumnFacts(string Name, string Type, string Classification, bool PersonalData, string? Description);
