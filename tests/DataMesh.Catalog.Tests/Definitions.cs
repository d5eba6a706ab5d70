using DataMesh.DataProducts.Registration;

namespace DataMesh.Catalog.Tests;

/// <summary>The sample domains' files under Definitions/, as each domain's CatalogRegistration sends them.</summary>
internal static class Definitions
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Definitions");

    public static DefinitionFile File(string path) => new(path, System.IO.File.ReadAllText(Path.Combine(Folder, path)));

    /// <summary>HR's registration: the employees product and its contract.</summary>
    public static CatalogRegistrationRequest Hr() =>
        new("hr", [File("hr/employees.odps.yaml")], [File("hr/employees.odcs.yaml")]);

    /// <summary>Finance's registration: payroll, which consumes HR's employees.</summary>
    public static CatalogRegistrationRequest Finance() =>
        new("finance", [File("finance/payroll.odps.yaml")], [File("finance/payroll.odcs.yaml")]);

    /// <summary>
    /// Marketing's registration of a product whose descriptor and contract another tool wrote (JSON flow style, a v3.0.x-style
    /// team list, roles, price, SBOM, a BigQuery server...): valid against the standards and within the mesh's governance.
    /// </summary>
    public static CatalogRegistrationRequest ForeignTool() =>
        new("marketing", [File("marketing/partner-scores.odps.yaml")], [File("marketing/partner-scores.odcs.yaml")]);

    /// <summary>A request with one file's text edited.</summary>
    public static CatalogRegistrationRequest Edit(this CatalogRegistrationRequest request, string path, string old, string replacement)
    {
        DefinitionFile Apply(DefinitionFile f) => f.Path != path ? f : f.Yaml.Contains(old, StringComparison.Ordinal)
            ? f with { Yaml = f.Yaml.Replace(old, replacement, StringComparison.Ordinal) }
            : throw new ArgumentException($"{path} has no '{old}'.", nameof(old));
        return request with { Descriptors = request.Descriptors.Select(Apply).ToList(), Contracts = request.Contracts.Select(Apply).ToList() };
    }
}
