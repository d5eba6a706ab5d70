namespace DataMesh.Contracts.Export;

/// <summary>
/// Writes contracts in another format a consumer's tools read (JSON Schema, AsyncAPI, C#, SQL), each derived from the
/// contract itself so that no hand-kept copy drifts from it.
/// </summary>
public interface IContractExporter
{
    /// <summary>The format's name on the command line, e.g. <c>jsonschema</c>.</summary>
    string Format { get; }

    /// <summary>One line saying what the export holds.</summary>
    string Summary { get; }

    /// <summary>Whether the export can hold several contracts at once (a domain's output ports together).</summary>
    bool TakesSeveralContracts { get; }

    /// <summary>
    /// Why <paramref name="contract"/> has nothing this format describes (e.g. a contract of tables alone has no topic
    /// for AsyncAPI), or null when it has something to export.
    /// </summary>
    string? NothingToExport(DataContract contract) => null;

    /// <summary>The export of <paramref name="contracts"/> as text, ready to be written to a file.</summary>
    string Export(IReadOnlyList<DataContract> contracts);
}
