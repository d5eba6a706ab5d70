using System.Text.Json.Nodes;
using DataMesh.Contracts.Export;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.Tool.Tests;

/// <summary>
/// <c>datamesh export sql</c> run on a real PostgreSQL: the DDL creates its tables, each column says what the contract
/// says, each example event is a row the tables take, and a row without a required value is refused.
/// </summary>
public sealed class SqlExportTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Theory]
    [MemberData(nameof(Tool.SampleContractNames), MemberType = typeof(Tool))]
    public async Task The_DDL_creates_the_tables_and_takes_each_example_as_a_row(string contractPath)
    {
        var file = folder.File("contract.sql");
        var run = Tool.Run("export", "sql", Tool.InRepository(contractPath), "-o", file);
        Assert.True(run.Exit == ExitCodes.Clean, run.Error);
        var contract = SampleContract.Read(contractPath);
        await using var connection = new NpgsqlConnection(await postgres.CreateDatabaseAsync("export"));
        await connection.OpenAsync();

        await using (var ddl = new NpgsqlCommand(File.ReadAllText(file), connection))
        {
            await ddl.ExecuteNonQueryAsync();
        }

        foreach (var schemaObject in SqlExporter.TableObjects(contract))
        {
            var columns = await ColumnsAsync(connection, SqlExporter.TableName(schemaObject));
            Assert.Equal(schemaObject.Properties.Select(p => (SqlExporter.ColumnName(p), !p.Required)), columns);
        }

        var tables = SqlExporter.TableObjects(contract);
        foreach (var (schemaObject, example) in SampleContract.Examples(contract).Where(e => tables.Contains(e.Object)))
        {
            var table = SqlExporter.TableName(schemaObject);
            Assert.Equal(1, await InsertAsync(connection, schemaObject, table, example.AsObject()));

            var incomplete = example.DeepClone().AsObject();
            incomplete.Remove(schemaObject.Properties.First(p => p.Required && !p.PrimaryKey).Name);
            await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(connection, schemaObject, table, incomplete));
        }
    }

    public void Dispose() => folder.Dispose();

    private static async Task<List<(string Name, bool Nullable)>> ColumnsAsync(NpgsqlConnection connection, string table)
    {
        await using var query = new NpgsqlCommand(
            "SELECT column_name, is_nullable = 'YES' FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", connection);
        query.Parameters.AddWithValue(table);
        await using var reader = await query.ExecuteReaderAsync();
        var columns = new List<(string, bool)>();
        while (await reader.ReadAsync())
        {
            columns.Add((reader.GetString(0), reader.GetBoolean(1)));
        }

        Assert.NotEmpty(columns);
        return columns;
    }

    /// <summary>The event as a row: its fields renamed to their columns, typed by PostgreSQL from the table.</summary>
    private static async Task<int> InsertAsync(NpgsqlConnection connection, DataMesh.Contracts.SchemaObject schemaObject, string table, JsonObject @event)
    {
        var row = new JsonObject(schemaObject.Properties
            .Where(p => @event.ContainsKey(p.Name))
            .Select(p => KeyValuePair.Create(SqlExporter.ColumnName(p), @event[p.Name]?.DeepClone())));
        await using var insert = new NpgsqlCommand($"INSERT INTO \"{table}\" SELECT * FROM jsonb_populate_record(NULL::\"{table}\", $1::jsonb)", connection);
        insert.Parameters.AddWithValue(row.ToJsonString());
        return await insert.ExecuteNonQueryAsync();
    }
}
