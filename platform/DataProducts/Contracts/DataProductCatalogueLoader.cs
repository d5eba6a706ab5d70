using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DataMesh.DataProducts.Contracts;

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

        var files = Directory
            .EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(DescriptorSuffix, StringComparison.Ordinal) || f.EndsWith(ContractSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"No *{DescriptorSuffix} or *{ContractSuffix} files under '{folder}'.");
        }

        var errors = new List<ContractValidationError>();
        var dataProducts = new List<DataProductDescriptor>();
        var contracts = new List<DataContract>();
        var filesWithErrors = new HashSet<string>();
        bool allDataProductsRead = true, allContractsRead = true;
        foreach (var file in files)
        {
            var reader = new DefinitionReader(Path.GetRelativePath(folder, file).Replace('\\', '/'));
            var root = Parse(file, reader);
            if (file.EndsWith(DescriptorSuffix, StringComparison.Ordinal))
            {
                allDataProductsRead &= Keep(root is null ? null : DescriptorReader.Read(root, reader), dataProducts);
            }
            else
            {
                allContractsRead &= Keep(root is null ? null : ContractReader.Read(root, reader), contracts);
            }

            if (reader.Errors.Count > 0)
            {
                filesWithErrors.Add(reader.File);
                errors.AddRange(reader.Errors);
            }
        }

        var catalogue = new DataProductCatalogue(dataProducts, contracts);
        errors.AddRange(new CatalogueValidator(catalogue, allDataProductsRead, allContractsRead, filesWithErrors, ownDomain).Validate());
        if (errors.Count > 0)
        {
            throw new DataProductDefinitionException(
                errors.OrderBy(e => e.Location.File, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column).ToList());
        }

        return catalogue;
    }

    /// <summary>The file's single YAML document, or null with the syntax problem reported.</summary>
    private static YamlNode? Parse(string file, DefinitionReader reader)
    {
        var stream = new YamlStream();
        using var text = File.OpenText(file);
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
