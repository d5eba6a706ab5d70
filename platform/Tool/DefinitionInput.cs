using DataMesh.Contracts;

namespace DataMesh.Tool;

/// <summary>
/// The files a command is given: one descriptor or contract, or a folder of them (a domain's <c>DataProducts</c>
/// folder, its upstream copies in subfolders). File names in findings are as the caller can open them: relative to
/// the current folder when under it.
/// </summary>
public sealed class DefinitionInput
{
    private DefinitionInput(string argument, string displayPath, bool isFolder, IReadOnlyList<string> files)
    {
        Argument = argument;
        DisplayPath = displayPath;
        IsFolder = isFolder;
        Files = files;
    }

    /// <summary>The path as given on the command line.</summary>
    public string Argument { get; }

    /// <summary>How findings name the file or folder.</summary>
    public string DisplayPath { get; }

    public bool IsFolder { get; }

    /// <summary>The definition files, full paths, in a stable order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <exception cref="UnusableInputException">The path does not exist, is not a definition, or the folder holds none.</exception>
    public static DefinitionInput Open(string argument)
    {
        var full = Path.GetFullPath(argument);
        if (Directory.Exists(full))
        {
            var files = DataProductCatalogueLoader.DefinitionFiles(full);
            return files.Count == 0
                ? throw new UnusableInputException($"{argument}: no *{DataProductCatalogueLoader.DescriptorSuffix} or *{DataProductCatalogueLoader.ContractSuffix} files in this folder or below")
                : new DefinitionInput(argument, Display(full), isFolder: true, files);
        }

        if (!File.Exists(full))
        {
            throw new UnusableInputException($"{argument}: no such file or folder");
        }

        return IsDefinition(full)
            ? new DefinitionInput(argument, Display(full), isFolder: false, [full])
            : throw new UnusableInputException($"{argument}: not a data product descriptor (*{DataProductCatalogueLoader.DescriptorSuffix}) or data contract (*{DataProductCatalogueLoader.ContractSuffix})");
    }

    /// <summary>Reads one contract file.</summary>
    /// <exception cref="UnusableInputException">The argument is not a contract file.</exception>
    /// <exception cref="DataProductDefinitionException">The contract has problems.</exception>
    public static DataContract ReadContract(string argument)
    {
        var input = Open(argument);
        if (input.IsFolder || !input.Files[0].EndsWith(DataProductCatalogueLoader.ContractSuffix, StringComparison.Ordinal))
        {
            throw new UnusableInputException($"{argument}: not a data contract (*{DataProductCatalogueLoader.ContractSuffix})");
        }

        return DataProductCatalogueLoader.LoadContract(input.DisplayPath, Read(input.Files[0]));
    }

    /// <summary>
    /// Every problem of the definitions: a file checked alone, or a folder's files checked alone and against each
    /// other. In a folder, the products whose descriptors are at its top level are its own; only their input ports
    /// must resolve to the upstream copies below, as the domain's service checks at startup.
    /// </summary>
    public IReadOnlyList<ContractValidationError> Problems()
    {
        try
        {
            if (IsFolder)
            {
                LoadFolder();
            }
            else if (Files[0].EndsWith(DataProductCatalogueLoader.ContractSuffix, StringComparison.Ordinal))
            {
                DataProductCatalogueLoader.LoadContract(DisplayPath, Read(Files[0]));
            }
            else
            {
                DataProductCatalogueLoader.LoadDescriptor(DisplayPath, Read(Files[0]));
            }

            return [];
        }
        catch (DataProductDefinitionException e)
        {
            return e.Errors;
        }
    }

    /// <summary>Loads a folder: see <see cref="Problems"/>.</summary>
    /// <exception cref="DataProductDefinitionException">Any definition has problems; files named as <see cref="DisplayPath"/> names them.</exception>
    public DataProductCatalogue LoadFolder()
    {
        // First each file and what spans files but input ports, then, once that holds, the own products' input ports.
        var alone = DataProductCatalogueLoader.Load(Files.Select(f => (Name(f), Read(f))).ToList(), upstreamIncluded: false);
        var ownDomains = OwnDataProducts(alone).Select(p => p.Domain).Distinct().ToList();
        try
        {
            DataProductCatalogueLoader.Load(Argument, ownDomains.Count == 1 ? ownDomains[0] : null);
        }
        catch (DataProductDefinitionException e)
        {
            throw new DataProductDefinitionException(e.Errors.Select(error => error with
            {
                Location = error.Location with { File = Path.Combine(DisplayPath, error.Location.File).Replace('\\', '/') },
            }).ToList());
        }

        return alone;
    }

    /// <summary>The products the folder is about: those whose descriptors are at its top level (all of them for a file).</summary>
    public IReadOnlyList<DataProductDescriptor> OwnDataProducts(DataProductCatalogue catalogue)
    {
        if (!IsFolder)
        {
            return catalogue.DataProducts;
        }

        var topLevel = Files.Where(f => Path.GetDirectoryName(f) == Path.GetFullPath(Argument).TrimEnd(Path.DirectorySeparatorChar)).Select(Name).ToHashSet();
        return catalogue.DataProducts.Where(p => topLevel.Contains(p.Source.Location.File)).ToList();
    }

    private string Name(string file) =>
        IsFolder ? Path.Combine(DisplayPath, Path.GetRelativePath(Path.GetFullPath(Argument), file)).Replace('\\', '/') : DisplayPath;

    private static bool IsDefinition(string file) =>
        file.EndsWith(DataProductCatalogueLoader.DescriptorSuffix, StringComparison.Ordinal)
        || file.EndsWith(DataProductCatalogueLoader.ContractSuffix, StringComparison.Ordinal);

    private static string Read(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnusableInputException($"{file}: cannot be read: {e.Message}");
        }
    }

    private static string Display(string full)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative).Replace('\\', '/');
    }
}
