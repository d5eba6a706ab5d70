namespace DataMesh.DataProducts.SqlPorts;

/// <summary>
/// PostgreSQL identifiers written into SQL that cannot take parameters (roles, schemas, GRANT and CREATE statements):
/// always quoted here, so a name from a contract or the catalog is a name and never SQL.
/// </summary>
public static class SqlIdentifier
{
    /// <summary>PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1).</summary>
    public const int MaxLength = 63;

    /// <summary>The identifier in double quotes, an embedded quote doubled.</summary>
    /// <exception cref="ArgumentException">Empty, longer than <see cref="MaxLength"/> bytes, or holding a NUL.</exception>
    public static string Quote(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (System.Text.Encoding.UTF8.GetByteCount(name) > MaxLength || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not a PostgreSQL identifier: at most {MaxLength} bytes, no NUL.", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A text literal in single quotes (for passwords in <c>CREATE ROLE</c> and <c>OPTIONS</c>, which take no parameters).</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A PostgreSQL literal holds no NUL.", nameof(value));
        }

        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
