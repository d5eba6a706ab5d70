namespace DataMesh.Catalog.Tests;

/// <summary>A permission matrix written as a table: a row per operation, the expected outcome per caller column, space-separated.</summary>
internal static class PermissionTable
{
    /// <summary>Each cell as a theory row: operation, caller, expected outcome.</summary>
    public static TheoryData<string, string, string> Cells(IReadOnlyDictionary<string, string> expected, IReadOnlyList<string> callers)
    {
        var cells = new TheoryData<string, string, string>();
        foreach (var (operation, row) in expected)
        {
            var outcomes = Outcomes(row);
            for (var i = 0; i < callers.Count; i++)
            {
                cells.Add(operation, callers[i], outcomes[i]);
            }
        }

        return cells;
    }

    /// <summary>The table has a row for each operation and a cell for each caller.</summary>
    public static void AssertCovers(IEnumerable<string> operations, IReadOnlyDictionary<string, string> expected, IReadOnlyList<string> callers)
    {
        Assert.Equal(operations.Order(StringComparer.Ordinal), expected.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected.Values, row => Assert.Equal(callers.Count, Outcomes(row).Length));
    }

    private static string[] Outcomes(string row) => row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
