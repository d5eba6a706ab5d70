using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DataMesh.Contracts;

/// <summary>
/// Loads every <c>*.odps.yaml</c> (ODPS v1.0.0 data product descriptor) and <c>*.odcs.yaml</c> (ODCS v3.0.x
/// data contract) under a folder and checks them, alone and against each other. Services call it at
/// startup so that an invalid definition stops the service with the list of what to fix.
/// </summary>
public static class DataProductCatalogueLoader
{
    public const string DescriptorSuffix = ".odps.yaml";
    public const string ContractSuffix = ".odcs.yaml";

    /// <summary>Loads and checks the definitions under <paramref name="folder"/>, searching subfolders too.</summary>
    /// <param name="folder">The definitions folder.</param>
    /// <param name="ownDomain">
    /// The domain whose data products these are. When given, only its own descriptors' input ports must resolve
    /// in the folder: the upstream descriptors a consumer keeps copies of name their own upstreams, which the
    /// consumer does not carry.
    /// </param>
    /// <exception cref="DataProductDefinitionException">
    /// Any definition is invalid; the message lists every problem as <c>file:line:column: field: reason</c>,
    /// with file paths relative to <paramref name="folder"/>.
    /// </exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The folder holds no definitions: most likely they were not copied next to the service.</exception>
    public static DataProductCatalogue Load(string folder, string? ownDomain = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"No data product definitions: folder '{folder}' does not exist.");
        }

        var files = DefinitionFiles(folder);
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"No *{DescriptorSuffix} or *{ContractSuffix} files under '{folder}'.");
        }

        return Load(
            files.Select(f => (Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText(f))).ToList(),
            dataProduct => ownDomain is null || dataProduct.Domain == ownDomain);
    }

    /// <summary>The build output folders below a folder: they hold copies of its definitions, not definitions of their own.</summary>
    private static readonly string[] BuildOutputFolders = ["bin", "obj"];

    /// <summary>
    /// The descriptors and contracts in <paramref name="folder"/> and below, in a stable order, leaving out those under a
    /// <c>bin</c> or <c>obj</c> folder below it: a project folder's build copies would otherwise be read twice.
    /// </summary>
    public static IReadOnlyList<string> DefinitionFiles(string folder) =>
        Directory
            .EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(DescriptorSuffix, StringComparison.Ordinal) || f.EndsWith(ContractSuffix, StringComparison.Ordinal))
            .Where(f => !Path.GetRelativePath(folder, f).Split('/', '\\').SkipLast(1).Any(BuildOutputFolders.Contains))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Loads and checks definitions given as text, e.g. the files a service sends the catalog. The kind of
    /// each file comes from its path's suffix, which also names it in problems.
    /// </summary>
    /// <param name="upstreamIncluded">
    /// Whether the files include the upstream products and contracts the input ports name. A service's
    /// registration does not (each domain registers its own products), so then input ports are not resolved.
    /// </param>
    /// <exception cref="DataProductDefinitionException">Any definition is invalid, or a path has neither suffix.</exception>
    public static DataProductCatalogue Load(IReadOnlyList<(string Path, string Yaml)> files, bool upstreamIncluded) =>
        Load(files, _ => upstreamIncluded);

    /// <param name="files">The definitions as text, named by their paths.</param>
    /// <param name="resolvesInputPortsOf">Whose input ports must resolve to descriptors and contracts among the files.</param>
    private static DataProductCatalogue Load(IReadOnlyList<(string Path, string Yaml)> files, Func<DataProductDescriptor, bool> resolvesInputPortsOf)
    {
        var errors = new List<ContractValidationError>();
        var dataProducts = new List<DataProductDescriptor>();
        var contracts = new List<DataContract>();
        var filesWithErrors = new HashSet<string>();
        bool allDataProductsRead = true, allContractsRead = true;
        foreach (var (path, yaml) in files)
        {
            var reader = new DefinitionReader(path);
            if (path.EndsWith(DescriptorSuffix, StringComparison.Ordinal))
            {
                var root = Parse(yaml, reader);
                allDataProductsRead &= Keep(root is null ? null : Governed(DescriptorReader.Read(root, reader), MeshGovernance.Check, reader), dataProducts);
            }
            else if (path.EndsWith(ContractSuffix, StringComparison.Ordinal))
            {
                var root = Parse(yaml, reader);
                allContractsRead &= Keep(root is null ? null : Governed(ContractReader.Read(root, reader), MeshGovernance.Check, reader), contracts);
            }
            else
            {
                reader.Errors.Add(new(new SourceLocation(path, 1, 1), "", $"the file name ends neither in {DescriptorSuffix} nor in {ContractSuffix}"));
            }

            if (reader.Errors.Count > 0)
            {
                filesWithErrors.Add(reader.File);
                errors.AddRange(reader.Errors);
            }
        }

        var catalogue = new DataProductCatalogue(dataProducts, contracts);
        errors.AddRange(new CatalogueValidator(catalogue, allDataProductsRead, allContractsRead, filesWithErrors, resolvesInputPortsOf).Validate());
        if (errors.Count > 0)
        {
            throw new DataProductDefinitionException(
                errors.OrderBy(e => e.Location.File, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ToList());
        }

        return catalogue;
    }

    /// <summary>
    /// Reads one contract alone, with every check of its own file but none against a descriptor: what a
    /// domain's CI compares before the contract joins the catalogue.
    /// </summary>
    /// <param name="path">How problems name the file.</param>
    /// <exception cref="DataProductDefinitionException">The contract is invalid.</exception>
    public static DataContract LoadContract(string path, string yaml) => LoadAlone(path, yaml, (root, reader) => Governed(ContractReader.Read(root, reader), MeshGovernance.Check, reader));

    /// <summary>
    /// Reads one contract as ODCS only: the problems that make it invalid against the standard, without the
    /// mesh's governance (<see cref="MeshGovernance.Check(DataContract)"/> is the second step).
    /// </summary>
    /// <exception cref="DataProductDefinitionException">The contract is not valid ODCS (as far as the mesh reads it).</exception>
    public static DataContract ReadContract(string path, string yaml) => LoadAlone(path, yaml, ContractReader.Read);

    /// <summary>Reads one descriptor as ODPS only, without the mesh's governance (see <see cref="ReadContract"/>).</summary>
    /// <exception cref="DataProductDefinitionException">The descriptor is not valid ODPS (as far as the mesh reads it).</exception>
    public static DataProductDescriptor ReadDescriptor(string path, string yaml) => LoadAlone(path, yaml, DescriptorReader.Read);

    /// <summary>
    /// Reads one descriptor alone, with every check of its own file but none against contracts: how the
    /// catalog reads back a version it accepted earlier.
    /// </summary>
    /// <param name="path">How problems name the file.</param>
    /// <exception cref="DataProductDefinitionException">The descriptor is invalid.</exception>
    public static DataProductDescriptor LoadDescriptor(string path, string yaml) =>
        LoadAlone(path, yaml, (root, reader) => Governed(DescriptorReader.Read(root, reader), MeshGovernance.Check, reader));

    /// <summary>
    /// The second step: a document that is valid is checked against the mesh's governance, each finding naming
    /// its rule. A document with findings is not kept, as an invalid one is not: checks across files skip it.
    /// </summary>
    private static T? Governed<T>(T? model, Func<T, IReadOnlyList<ContractValidationError>> check, DefinitionReader reader)
        where T : class
    {
        if (model is null || reader.Errors.Count > 0)
        {
            return model;
        }

        var findings = check(model);
        reader.Errors.AddRange(findings);
        return findings.Count == 0 ? model : null;
    }

    private static T LoadAlone<T>(string path, string yaml, Func<YamlNode, DefinitionReader, T?> read)
        where T : class
    {
        var reader = new DefinitionReader(path);
        var root = Parse(yaml, reader);
        var model = root is null ? null : read(root, reader);
        if (reader.Errors.Count > 0 || model is null)
        {
            throw new DataProductDefinitionException(reader.Errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ToList());
        }

        return model;
    }

    /// <summary>The file's single YAML document, or null with the syntax problem reported.</summary>
    private static YamlNode? Parse(string yaml, DefinitionReader reader)
    {
        var stream = new YamlStream();
        using var text = new StringReader(yaml);
        var parser = new TrackingParser(new Parser(text));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            reader.Errors.Add(new(reader.LocationOf(e.Start), "", $"not valid YAML: {e.Message}"));
            return null;
        }
        catch (InvalidOperationException)
        {
            reader.Errors.Add(new(reader.LocationOf(parser.LastEnd), "", "not valid YAML: cannot be read past this point (an unclosed '[', '{' or quote?)"));
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            reader.Errors.Add(new(reader.LocationOf(Mark.Empty), "", $"expected one YAML document, found {stream.Documents.Count}"));
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    private static bool Keep<T>(T? model, List<T> models)
        where T : class
    {
        if (model is not null)
        {
            models.Add(model);
        }

        return model is not null;
    }

    /// <summary>Remembers how far parsing got: on some malformed input YamlDotNet's scanner throws without a position.</summary>
    private sealed class TrackingParser(IParser parser) : IParser
    {
        public Mark LastEnd { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => parser.Current;

        public bool MoveNext()
        {
            var moved = parser.MoveNext();
            LastEnd = parser.Current?.End ?? LastEnd;
            return moved;
        }
    }
}
