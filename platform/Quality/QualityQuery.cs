using DataMesh.Contracts;
using DataMesh.Contracts.Quality;
using Npgsql;
using NpgsqlTypes;

namespace DataMesh.Quality;

/// <summary>
/// The PostgreSQL statement that measures one rule. A library metric reads the object's table (its
/// <c>physicalName</c>) and the property's column (its <c>physicalName</c>, else its name) and answers two numbers:
/// what it counted and the table's rows (for <c>unit: percent</c>). A <c>sql</c> rule's query is run as written,
/// with ODCS's placeholders <c>{object}</c> and <c>{property}</c> (and the <c>{table}</c>/<c>{column}</c> spelling of
/// the standard's own example) replaced by the quoted table and column; it answers one value.
/// </summary>
internal sealed record QualityQuery(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
{
    /// <summary>The statement, or the reason the rule cannot be measured here (returned as the rule's error).</summary>
    public static (QualityQuery? Query, string? Problem) For(ContractQualityRule target)
    {
        var rule = target.Rule;
        if (!rule.IsMeasurable)
        {
            return (null, $"a {target.Kind} rule is not measured by the platform");
        }

        if (target.Object.PhysicalName is not { Length: > 0 } physicalName)
        {
            return (null, $"schema object {target.Object.Name} names no table (physicalName), so there is nothing to measure");
        }

        // A SQL output port's objects are named within the schema of its PostgreSQL server, as ODCS writes them.
        var table = !physicalName.Contains('.', StringComparison.Ordinal) && SqlPort.Of(target.Contract)?.Schema is { Length: > 0 } schema
            ? $"{Quote(schema)}.{Quote(physicalName)}"
            : QuoteQualified(physicalName);
        var column = target.Property is null ? null : Quote(target.Property.PhysicalName ?? target.Property.Name);
        return rule.Type == QualityRuleType.Sql ? ForSql(rule.Query!, table, column) : ForMetric(target, table, column);
    }

    private static (QualityQuery?, string?) ForSql(string query, string table, string? column)
    {
        var usesColumn = query.Contains("{property}", StringComparison.Ordinal) || query.Contains("{column}", StringComparison.Ordinal);
        if (usesColumn && column is null)
        {
            return (null, "the query names {property} but the rule is on a schema object, not a property");
        }

        var sql = query.Replace("{object}", table, StringComparison.Ordinal).Replace("{table}", table, StringComparison.Ordinal);
        if (column is not null)
        {
            sql = sql.Replace("{property}", column, StringComparison.Ordinal).Replace("{column}", column, StringComparison.Ordinal);
        }

        return (new QualityQuery(sql, []), null);
    }

    private static (QualityQuery?, string?) ForMetric(ContractQualityRule target, string table, string? column)
    {
        var arguments = target.Rule.Arguments;
        var parameters = new List<NpgsqlParameter>();
        string counted;
        switch (target.Rule.Metric)
        {
            case QualityMetric.RowCount:
                counted = "count(*)";
                break;
            case QualityMetric.NullValues:
                counted = $"count(*) FILTER (WHERE {column} IS NULL)";
                break;
            case QualityMetric.MissingValues:
                parameters.Add(TextArray("missing", arguments.MissingValues));
                counted = $"count(*) FILTER (WHERE {column} IS NULL OR {column}::text = ANY(@missing))";
                break;
            case QualityMetric.InvalidValues:
                var invalid = new List<string>();
                if (arguments.ValidValues is not null)
                {
                    parameters.Add(TextArray("valid", arguments.ValidValues));
                    invalid.Add($"NOT ({column}::text = ANY(@valid))");
                }

                if (arguments.Pattern is not null)
                {
                    parameters.Add(new NpgsqlParameter("pattern", NpgsqlDbType.Text) { Value = arguments.Pattern });
                    invalid.Add($"{column}::text !~ @pattern");
                }

                counted = $"count(*) FILTER (WHERE {column} IS NOT NULL AND ({string.Join(" OR ", invalid)}))";
                break;
            case QualityMetric.DuplicateValues when column is not null:
                counted = $"count({column}) - count(DISTINCT {column})";
                break;
            case QualityMetric.DuplicateValues:
                var columns = new List<string>();
                foreach (var name in arguments.Properties ?? [])
                {
                    var property = target.Object.Properties.FirstOrDefault(p => p.Name == name);
                    if (property is null)
                    {
                        return (null, $"arguments.properties names '{name}', which schema object {target.Object.Name} does not have");
                    }

                    columns.Add(Quote(property.PhysicalName ?? property.Name));
                }

                counted = $"count(*) - (SELECT count(*) FROM (SELECT DISTINCT {string.Join(", ", columns)} FROM {table}) AS distinct_rows)";
                break;
            default:
                return (null, $"metric {target.Kind} is not measured by the platform");
        }

        return (new QualityQuery($"SELECT {counted}, count(*) FROM {table}", parameters), null);
    }

    /// <summary>Null entries are left out: a null value is never equal to anything in SQL, and nulls are counted by IS NULL.</summary>
    private static NpgsqlParameter TextArray(string name, IReadOnlyList<string?>? values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (values ?? []).OfType<string>().ToArray() };

    internal static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary><c>schema.table</c> or <c>table</c>, each part quoted as written.</summary>
    internal static string QuoteQualified(string name) => string.Join('.', name.Split('.').Select(Quote));
}
