using System.Text.RegularExpressions;

namespace DataMesh.Quality.SqlPorts;

/// <summary>
/// PostgreSQL type names in one spelling, so a contract may write <c>varchar(100)</c>, <c>int4</c> or
/// <c>timestamptz</c> and still equal what <c>information_schema</c> reports (<c>character varying(100)</c>,
/// <c>integer</c>, <c>timestamp with time zone</c>).
/// </summary>
public static partial class SqlPortTypes
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["varchar"] = "character varying",
        ["char"] = "character",
        ["bpchar"] = "character",
        ["int"] = "integer",
        ["int4"] = "integer",
        ["int8"] = "bigint",
        ["int2"] = "smallint",
        ["bool"] = "boolean",
        ["decimal"] = "numeric",
        ["float8"] = "double precision",
        ["float4"] = "real",
        ["timestamptz"] = "timestamp with time zone",
        ["timestamp"] = "timestamp without time zone",
        ["timetz"] = "time with time zone",
        ["time"] = "time without time zone",
    };

    /// <summary>The type in lower case, single spaces, aliases spelt out, <c>numeric(p)</c> as <c>numeric(p,0)</c>.</summary>
    public static string Canonical(string type)
    {
        var text = Spaces().Replace(type.Trim().ToLowerInvariant(), " ");
        var match = WithModifier().Match(text);
        var (name, modifier, rest) = match.Success
            ? (match.Groups["name"].Value.Trim(), match.Groups["modifier"].Value.Replace(" ", "", StringComparison.Ordinal), match.Groups["rest"].Value)
            : (text, null, "");
        name = Aliases.GetValueOrDefault(name, name);
        if (name == "numeric" && modifier is not null && !modifier.Contains(',', StringComparison.Ordinal))
        {
            modifier += ",0";
        }

        return modifier is null ? name : $"{name}({modifier}){rest}";
    }

    /// <summary>
    /// The type of a column as <c>information_schema.columns</c> describes it: <c>data_type</c> with its length or
    /// precision (<c>character varying(100)</c>, <c>numeric(12,2)</c>); a user-defined type by its name; an array as
    /// its element type with <c>[]</c>.
    /// </summary>
    public static string FromInformationSchema(string dataType, string udtName, int? maxLength, int? precision, int? scale) => dataType switch
    {
        "character varying" or "character" when maxLength is { } length => $"{dataType}({length})",
        "numeric" when precision is { } p => $"numeric({p},{scale ?? 0})",
        "USER-DEFINED" => udtName,
        "ARRAY" => Canonical(udtName.TrimStart('_')) + "[]",
        _ => dataType,
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?<name>[a-z ]+?)\s*\((?<modifier>[0-9 ,]+)\)(?<rest>.*)$")]
    private static partial Regex WithModifier();
}
