namespace DataMesh.Contracts.Export;

/// <summary>Every export format, by its name on the command line.</summary>
public static class ContractExporters
{
    public static IReadOnlyList<IContractExporter> All { get; } =
    [
        new JsonSchemaExporter(),
        new AsyncApiExporter(),
        new CSharpExporter(),
        new SqlExporter(),
    ];

    /// <summary>The exporter of <paramref name="format"/>, or null when there is none.</summary>
    public static IContractExporter? Find(string format) => All.FirstOrDefault(e => e.Format == format);
}
