using Aspire.Hosting.ApplicationModel;
using DataMesh.Contracts;

namespace Aspire.Hosting.DataMesh;

/// <summary>
/// The team that owns a domain, as its data product descriptors name it: the domain's service loads the same
/// files at startup, so the AppHost reads them rather than be told the team a second time.
/// </summary>
public static class DomainTeam
{
    /// <summary>Where a domain keeps its data product descriptors and contracts, beside its project file.</summary>
    public const string DataProductsFolder = "DataProducts";

    /// <summary>The owner team of <paramref name="domain"/>'s data products; null when the project defines none.</summary>
    /// <exception cref="DistributedApplicationException">The definitions are invalid, or name more than one team.</exception>
    public static string? Of(string domain, IProjectMetadata project)
    {
        if (DefinitionsOf(project) is not { } folder)
        {
            return null;
        }

        IReadOnlyList<string> teams;
        try
        {
            teams = DataProductCatalogueLoader.Load(folder, domain).DataProducts
                .Where(product => product.Domain == domain).Select(product => product.Team.Name).Distinct(StringComparer.Ordinal).ToList();
        }
        catch (DataProductDefinitionException invalid)
        {
            throw new DistributedApplicationException($"Domain '{domain}' cannot join the mesh: its definitions in {folder} are invalid. {invalid.Message}");
        }

        return teams.Count <= 1 ? teams.SingleOrDefault()
            : throw new DistributedApplicationException(
                $"Domain '{domain}' cannot join the mesh: its data products in {folder} name {teams.Count} teams ({string.Join(", ", teams)}); one team owns a domain.");
    }

    /// <summary>The project's data products folder; null when it holds no descriptor.</summary>
    public static string? DefinitionsOf(IProjectMetadata project)
    {
        var folder = Path.Combine(Path.GetDirectoryName(project.ProjectPath)!, DataProductsFolder);
        return Directory.Exists(folder) && Directory.GetFiles(folder, "*.odps.yaml", SearchOption.AllDirectories).Length > 0 ? folder : null;
    }
}
