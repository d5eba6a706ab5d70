using System.Runtime.CompilerServices;
using DataMesh.Contracts;
using DataMesh.Quality.SqlPorts;
using Npgsql;

namespace DataMesh.Tool.Test;

/// <summary>
/// The schema of a SQL output port (a <c>postgres</c> server): the live schema behind the server compared with the
/// contract's tables and views, column by column, as one check (<see cref="SqlPortSchemaCheck"/>). Other servers yield
/// nothing here.
/// </summary>
public sealed class SqlPortSchemaRunner : IContractTestRunner
{
    public async IAsyncEnumerable<ContractCheckResult> RunAsync(
        DataContract contract, ContractServer server, ContractTestTarget target, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!server.IsPostgres)
        {
            yield break;
        }

        var check = $"schema {server.Schema}";
        if (target.ConnectionString is not { } connectionString)
        {
            yield return ContractCheckResult.Skip(check,
                $"the schema is read from the database behind server '{server.Server}': give its connection string with --connection or {TestCommand.ConnectionVariable}");
            yield break;
        }

        if (server.Schema is not { Length: > 0 })
        {
            throw new UnusableInputException($"server '{server.Server}' names no schema; a SQL port's tables and views live in one");
        }

        await using var database = NpgsqlDataSource.Create(connectionString);
        var differences = await SqlPortSchemaCheck.CheckAsync(database, SqlPort.Of(contract, server)!, cancellationToken);
        yield return new ContractCheckResult(
            check,
            differences.Count == 0,
            differences.Count == 0
                ? $"{contract.StoredObjects.Count} table(s) and view(s) as the contract describes them, nothing else"
                : string.Join("; ", differences));
    }
}
