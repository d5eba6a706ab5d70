using DataMesh.Quality.SqlPorts;
using Xunit;

namespace DataMesh.Testing;

/// <summary>What every domain's tests expect of its SQL output ports on its migrated database.</summary>
public static class SqlPortAssert
{
    /// <summary>The domain's SQL ports are exactly <paramref name="contracts"/>, and each one's live schema equals its contract.</summary>
    public static void SchemasEqualContracts(IReadOnlyDictionary<string, IReadOnlyList<SqlPortSchemaDifference>> ports, params string[] contracts)
    {
        Assert.Equal(contracts.Order(StringComparer.Ordinal), ports.Keys);
        Assert.All(ports, port => Assert.True(port.Value.Count == 0, $"{port.Key}: {string.Join("; ", port.Value)}"));
    }
}
