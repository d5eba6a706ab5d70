using System.Text;

namespace DataMesh.Contracts.Export;

/// <summary>
/// PostgreSQL DDL: a <c>CREATE TABLE</c> per table object, named in snake_case, with a column per property: string →
/// <c>text</c> (<c>varchar(n)</c> with <c>maxLength</c>, <c>uuid</c> for <c>format: uuid</c>), date → <c>date</c>
/// (<c>timestamptz</c> for <c>format: date-time</c>), number → <c>numeric</c>, integer → <c>bigint</c>, boolean →
/// <c>boolean</c>, object and array → <c>jsonb</c>. <c>required</c> is <c>NOT NULL</c>, <c>primaryKey</c> the primary
/// key, <c>unique</c> a unique constraint, allowed values and numeric bounds <c>CHECK</c> constraints, descriptions
/// comments. Patterns are not translated (JSON Schema's regular expressions are not PostgreSQL's).
/// </summary>
public sealed class SqlExporter : IContractExporter
{
    public string Format => "sql";

    public string Summary =>
        "PostgreSQL DDL (CREATE TABLE) for the schema objects with physicalType: table, or for every object when none declares one";

    public bool TakesSeveralContracts => false;

    /// <summary>The table of <paramref name="schemaObject"/>.</summary>
    public static string TableName(SchemaObject schemaObject) => schemaObject.IsStoredData && schemaObject.PhysicalName is { } table ? table : ExportNames.Snake(schemaObject.Name);

    /// <summary>The column of <paramref name="property"/>.</summary>
    public static string ColumnName(SchemaProperty property) => property.PhysicalName ?? ExportNames.Snake(property.Name);

    public string Export(IReadOnlyList<DataContract> contracts)
    {
        var contract = contracts.Single();
        var sql = new StringBuilder()
            .AppendLine($"-- Written by `datamesh export sql` from contract {contract.Id} {contract.Version}; change the contract, not this file.");
        foreach (var schemaObject in TableObjects(contract))
        {
            WriteTable(sql, schemaObject);
        }

        return sql.ToString();
    }

    /// <summary>
    /// The objects that are tables: those ODCS names with <c>physicalType: table</c> or <c>view</c>; when a contract
    /// declares none (a contract of events only), every object, so its events can be kept as rows.
    /// </summary>
    public static IReadOnlyList<SchemaObject> TableObjects(DataContract contract) => contract.StoredObjects is { Count: > 0 } stored ? stored : contract.Schema;

    private static void WriteTable(StringBuilder sql, SchemaObject schemaObject)
    {
        var table = ExportNames.SqlIdentifier(TableName(schemaObject));
        var lines = new List<string>();
        var checks = new List<string>();
        foreach (var property in schemaObject.Properties)
        {
            var column = ExportNames.SqlIdentifier(ColumnName(property));
            lines.Add($"    {column} {ColumnType(property)}{(property.Required ? " NOT NULL" : "")}{(property.Unique && !property.PrimaryKey ? " UNIQUE" : "")}");
            checks.AddRange(Checks(column, property).Select(check => $"    CHECK ({check})"));
        }

        lines.AddRange(checks);

        var keys = schemaObject.Properties.Where(p => p.PrimaryKey).Select(p => ExportNames.SqlIdentifier(ColumnName(p))).ToList();
        if (keys.Count > 0)
        {
            lines.Add($"    PRIMARY KEY ({string.Join(", ", keys)})");
        }

        sql.AppendLine()
            .AppendLine($"CREATE TABLE {table} (")
            .AppendLine(string.Join(",\n", lines))
            .AppendLine(");");
        if (schemaObject.Description is { } description)
        {
            sql.AppendLine($"COMMENT ON TABLE {table} IS {ExportNames.SqlString(description)};");
        }

        foreach (var property in schemaObject.Properties.Where(p => p.Description is not null))
        {
            sql.AppendLine($"COMMENT ON COLUMN {table}.{ExportNames.SqlIdentifier(ColumnName(property))} IS {ExportNames.SqlString(property.Description!)};");
        }
    }

    private static string ColumnType(SchemaProperty property) => property.LogicalType switch
    {
        LogicalType.String when property.Options.Format == "uuid" => "uuid",
        LogicalType.String when property.Options.MaxLength is { } maxLength => $"varchar({maxLength})",
        LogicalType.String => "text",
        LogicalType.Date when property.Options.Format == "date-time" => "timestamptz",
        LogicalType.Date => "date",
        LogicalType.Timestamp => "timestamptz",
        LogicalType.Time => "time",
        LogicalType.Number => "numeric",
        LogicalType.Integer => "bigint",
        LogicalType.Boolean => "boolean",
        _ => "jsonb",
    };

    private static IEnumerable<string> Checks(string column, SchemaProperty property)
    {
        var options = property.Options;
        if (options.Enum is { } values)
        {
            yield return $"{column} IN ({string.Join(", ", values.Select(ExportNames.SqlString))})";
        }

        if (options.Minimum is { } minimum)
        {
            yield return $"{column} {(options.ExclusiveMinimum ? ">" : ">=")} {ExportNames.Number(minimum)}";
        }

        if (options.Maximum is { } maximum)
        {
            yield return $"{column} {(options.ExclusiveMaximum ? "<" : "<=")} {ExportNames.Number(maximum)}";
        }

        if (options.MinLength is { } minLength && property.LogicalType == LogicalType.String)
        {
            yield return $"char_length({column}) >= {minLength}";
        }
    }
}
