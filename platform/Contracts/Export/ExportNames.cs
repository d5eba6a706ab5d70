using System.Globalization;
using System.Text;

namespace DataMesh.Contracts.Export;

/// <summary>How contract names become names in code and in SQL: PascalCase for C#, snake_case for PostgreSQL.</summary>
internal static class ExportNames
{
    /// <summary><c>employeeId</c>, <c>employee-id</c> or <c>employee_id</c> → <c>EmployeeId</c>; a leading digit gets a '_' first.</summary>
    public static string Pascal(string name)
    {
        var result = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            result.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return result.Length == 0 || char.IsDigit(result[0]) ? $"_{result}" : result.ToString();
    }

    /// <summary><c>employeeId</c> or <c>EmployeeHired</c> → <c>employee_id</c>, <c>employee_hired</c>.</summary>
    public static string Snake(string name)
    {
        var result = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                if (result.Length > 0 && result[^1] != '_')
                {
                    result.Append('_');
                }

                continue;
            }

            if (char.IsUpper(c) && i > 0 && result.Length > 0 && result[^1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                result.Append('_');
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString().TrimEnd('_');
    }

    /// <summary>A C# string literal of <paramref name="text"/>.</summary>
    public static string CSharpString(string text) =>
        "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";

    /// <summary>A PostgreSQL string literal of <paramref name="text"/>.</summary>
    public static string SqlString(string text) => "'" + text.Replace("'", "''") + "'";

    /// <summary>A PostgreSQL identifier, quoted so that no name is taken for a keyword.</summary>
    public static string SqlIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>A number as PostgreSQL and C# write it.</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text fit for an XML doc comment.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").ReplaceLineEndings(" ");
}
