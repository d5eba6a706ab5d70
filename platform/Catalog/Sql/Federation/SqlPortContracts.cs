using DataMesh.Contracts;
using Semver;

namespace DataMesh.Catalog.Sql.Federation;

/// <summary>A registered contract version as the registry keeps it.</summary>
public sealed record RegisteredContractText(string ContractId, string Path, string Yaml);

/// <summary>
/// Which registered contracts are SQL ports, and what the mesh database makes of each: a contract with a <c>postgres</c>
/// server (database and schema) and table or view objects is a port; of each contract and major version only the newest
/// registered version counts, since the port schema is per major (<c>headcount_v1</c>) and a minor version only adds.
/// </summary>
public static class SqlPortContracts
{
    /// <summary>The ports of the newest version of each contract and major; a stored contract that no longer reads is logged and left out.</summary>
    public static IReadOnlyList<FederatedPort> Newest(IEnumerable<RegisteredContractText> registered, ILogger logger)
    {
        var contracts = new List<DataContract>();
        foreach (var text in registered)
        {
            try
            {
                // Read as the standard says, not governed again: the registry governed it when it took it.
                contracts.Add(DataProductCatalogueLoader.ReadContract(text.Path, text.Yaml));
            }
            catch (DataProductDefinitionException invalid)
            {
                logger.LogWarning("Registered contract {ContractId} ({Path}) does not read: {Reason}", text.ContractId, text.Path, invalid.Message);
            }
        }

        return contracts
            .GroupBy(contract => (contract.Id, contract.Version.Major))
            .Select(versions => versions.OrderByDescending(contract => contract.Version, SemVersion.PrecedenceComparer).First())
            .Select(contract => From(contract, logger))
            .OfType<FederatedPort>()
            .ToList();
    }

    /// <summary>The port a contract describes (<see cref="SqlPort.Of"/>), or null when it has no postgres server, no table or view, or no database.</summary>
    public static FederatedPort? From(DataContract contract, ILogger logger)
    {
        if (SqlPort.Of(contract) is not { Objects.Count: > 0 } port)
        {
            return null;
        }

        if (port.Database is not { } database)
        {
            logger.LogWarning("Contract {ContractId} {Version} has a {Type} server without a database; it is not federated.",
                contract.Id, contract.Version, port.Server.TypeName);
            return null;
        }

        // The foreign tables and columns take the port's own (physical) names, so a query on the port reads the same through
        // the mesh database with only the schema changed.
        return new FederatedPort(port.Domain, database, port.Schema, [.. port.Objects.Select(table => new FederatedTable(
            table.PhysicalName,
            table.PhysicalName,
            [.. table.Columns.Select(column => new FederatedColumn(column.PhysicalName, column.PhysicalName, ColumnType(column)))]))]);
    }

    /// <summary>
    /// The PostgreSQL type of a column as the foreign table declares it. postgres_fdw reads each value as text and converts
    /// it with this type, so it has to read what the port's column holds, not be its exact type: the widest type of the
    /// logical type, whatever <c>physicalType</c> the contract states (a <c>varchar(100)</c> reads as <c>text</c>).
    /// </summary>
    public static string ColumnType(SqlPortColumn column) => (column.LogicalType, column.Format) switch
    {
        (LogicalType.Integer, _) => "bigint",
        (LogicalType.Number, _) => "numeric",
        (LogicalType.Boolean, _) => "boolean",
        (LogicalType.Date, "date") or (LogicalType.String, "date") => "date",
        (LogicalType.Date, _) or (LogicalType.String, "date-time") => "timestamp with time zone",
        (LogicalType.String, "uuid") => "uuid",
        (LogicalType.Object or LogicalType.Array, _) => "jsonb",
        _ => "text",
    };
}
