using DataMesh.Contracts;
using Npgsql;

namespace DataMesh.Quality.SqlPorts;

/// <summary>
/// Compares a SQL output port's live schema with its contract, object by object and column by column: every table and
/// view the contract names is there, of the kind it says (table or view), with exactly its columns, their PostgreSQL
/// types, NOT NULL where the contract says required, and a table's primary key on the contract's key columns; and the
/// schema holds nothing the contract does not name. Reads <c>information_schema</c>, which shows only what the
/// connecting role may see: run it as the owning domain's role (or one granted the whole port), or a column hidden
/// from the role reads as missing. A view's columns are never NOT NULL in PostgreSQL's catalog (it records no
/// nullability for views), so required is compared on tables only.
/// </summary>
public static class SqlPortSchemaCheck
{
    /// <summary>The differences between the live schema of <paramref name="port"/> (its <see cref="SqlPort.Schema"/>) and what its contract describes; none when they are equal.</summary>
    public static Task<IReadOnlyList<SqlPortSchemaDifference>> CheckAsync(NpgsqlDataSource database, SqlPort port, CancellationToken cancellationToken = default) =>
        CompareAsync(database, port.Schema, Expected(port), cancellationToken);

    /// <summary>The port's tables and views as the check compares them: physical names, the contract's <c>physicalType</c> (empty when it states none), required, primary key.</summary>
    public static IReadOnlyList<SqlSchemaObject> Expected(SqlPort port) =>
        port.Objects.Select(o => new SqlSchemaObject(
                o.PhysicalName,
                o.Kind,
                o.Columns.Select(c => new SqlSchemaColumn(c.PhysicalName, c.PhysicalType ?? "", c.Required, c.PrimaryKey)).ToList()))
            .ToList();

    /// <summary>The differences between <paramref name="expected"/> and schema <paramref name="schema"/> of the database; none when they are equal.</summary>
    public static async Task<IReadOnlyList<SqlPortSchemaDifference>> CompareAsync(
        NpgsqlDataSource database, string schema, IReadOnlyList<SqlSchemaObject> expected, CancellationToken cancellationToken = default) =>
        Compare(expected, await ReadAsync(database, schema, cancellationToken), schema);

    /// <summary>The tables and views of <paramref name="schema"/> as <c>information_schema</c> describes them, by name.</summary>
    public static async Task<IReadOnlyList<SqlSchemaObject>> ReadAsync(NpgsqlDataSource database, string schema, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var tables = new NpgsqlCommand(
            "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = @schema ORDER BY table_name", connection))
        {
            tables.Parameters.AddWithValue("schema", schema);
            await using var reader = await tables.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                kinds[reader.GetString(0)] = reader.GetString(1) == "VIEW" ? SchemaObject.ViewPhysicalType : reader.GetString(1) == "BASE TABLE" ? SchemaObject.TablePhysicalType : reader.GetString(1).ToLowerInvariant();
            }
        }

        var keys = new HashSet<(string, string)>();
        await using (var primaryKeys = new NpgsqlCommand(
            """
            SELECT k.table_name, k.column_name
            FROM information_schema.table_constraints c
            JOIN information_schema.key_column_usage k
              ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name
            WHERE c.table_schema = @schema AND c.constraint_type = 'PRIMARY KEY'
            """, connection))
        {
            primaryKeys.Parameters.AddWithValue("schema", schema);
            await using var reader = await primaryKeys.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var columns = kinds.Keys.ToDictionary(name => name, _ => new List<SqlSchemaColumn>(), StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale, is_nullable
            FROM information_schema.columns WHERE table_schema = @schema ORDER BY table_name, ordinal_position
            """, connection))
        {
            command.Parameters.AddWithValue("schema", schema);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var table = reader.GetString(0);
                var column = reader.GetString(1);
                int? Number(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
                var type = SqlPortTypes.FromInformationSchema(reader.GetString(2), reader.GetString(3), Number(4), Number(5), Number(6));
                if (columns.TryGetValue(table, out var list))
                {
                    list.Add(new SqlSchemaColumn(column, type, reader.GetString(7) == "NO", keys.Contains((table, column))));
                }
            }
        }

        return kinds.Select(k => new SqlSchemaObject(k.Key, k.Value, columns[k.Key])).ToList();
    }

    /// <summary>The differences between what the contract describes and what the database has, in the contract's order, then what it does not name.</summary>
    public static IReadOnlyList<SqlPortSchemaDifference> Compare(IReadOnlyList<SqlSchemaObject> expected, IReadOnlyList<SqlSchemaObject> live, string schema)
    {
        var differences = new List<SqlPortSchemaDifference>();
        var liveByName = live.ToDictionary(o => o.Name, StringComparer.Ordinal);
        foreach (var wanted in expected)
        {
            if (!liveByName.TryGetValue(wanted.Name, out var found))
            {
                differences.Add(new(wanted.Name, null, $"the contract's {wanted.Kind} is missing from schema {schema}"));
                continue;
            }

            if (found.Kind != wanted.Kind)
            {
                differences.Add(new(wanted.Name, null, $"is a {found.Kind} in the database; the contract says {wanted.Kind}"));
            }

            CompareColumns(differences, wanted, found);
        }

        var named = expected.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(live.Where(o => !named.Contains(o.Name))
            .Select(o => new SqlPortSchemaDifference(o.Name, null, $"a {o.Kind} in schema {schema} that the contract does not name")));
        return differences;
    }

    private static void CompareColumns(List<SqlPortSchemaDifference> differences, SqlSchemaObject wanted, SqlSchemaObject found)
    {
        var foundByName = found.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var column in wanted.Columns)
        {
            if (!foundByName.TryGetValue(column.Name, out var live))
            {
                differences.Add(new(wanted.Name, column.Name, "the contract's column is missing (or not visible to the connecting role)"));
                continue;
            }

            var wantedType = SqlPortTypes.Canonical(column.Type);
            if (wantedType.Length == 0)
            {
                differences.Add(new(wanted.Name, column.Name, $"is {live.Type} in the database; the contract states no physicalType"));
            }
            else if (live.Type != wantedType)
            {
                differences.Add(new(wanted.Name, column.Name, $"is {live.Type} in the database; the contract says {wantedType}"));
            }

            if (found.Kind == SchemaObject.TablePhysicalType && live.Required != column.Required)
            {
                differences.Add(new(wanted.Name, column.Name, live.Required
                    ? "is NOT NULL in the database; the contract says it is optional"
                    : "is nullable in the database; the contract says required"));
            }

            if (found.Kind == SchemaObject.TablePhysicalType && live.PrimaryKey != column.PrimaryKey)
            {
                differences.Add(new(wanted.Name, column.Name, live.PrimaryKey
                    ? "is part of the table's primary key; the contract does not say so"
                    : "is not part of the table's primary key; the contract says it is"));
            }
        }

        var named = wanted.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        differences.AddRange(found.Columns.Where(c => !named.Contains(c.Name))
            .Select(c => new SqlPortSchemaDifference(wanted.Name, c.Name, $"a column ({c.Type}) that the contract does not name")));
    }
}
