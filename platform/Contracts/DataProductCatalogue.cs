using Semver;

namespace DataMesh.Contracts;

/// <summary>
/// Every data product descriptor and data contract of a folder, loaded and checked against each other.
/// Only <see cref="DataProductCatalogueLoader"/> builds one, so holding one means the definitions are valid.
/// </summary>
public sealed class DataProductCatalogue
{
    internal DataProductCatalogue(IReadOnlyList<DataProductDescriptor> dataProducts, IReadOnlyList<DataContract> contracts)
    {
        DataProducts = dataProducts;
        Contracts = contracts;
    }

    public IReadOnlyList<DataProductDescriptor> DataProducts { get; }

    public IReadOnlyList<DataContract> Contracts { get; }

    public DataProductDescriptor? FindDataProduct(string id) => DataProducts.FirstOrDefault(p => p.Id == id);

    /// <summary>The contract with exactly this id and version.</summary>
    public DataContract? FindContract(string id, SemVersion version) =>
        Contracts.FirstOrDefault(c => c.Id == id && c.Version.ComparePrecedenceTo(version) == 0);

    /// <summary>
    /// The newest contract a consumer written against <paramref name="version"/> can read: same major
    /// version and at least as new, since semantic versioning keeps minor and patch changes compatible.
    /// </summary>
    public DataContract? FindCompatibleContract(string id, SemVersion version) =>
        Contracts
            .Where(c => c.Id == id && c.Version.Major == version.Major && c.Version.ComparePrecedenceTo(version) >= 0)
            .OrderByDescending(c => c.Version, SemVersion.PrecedenceComparer)
            .FirstOrDefault();

    /// <summary>The contracts a data product offers through its output ports.</summary>
    public IReadOnlyList<DataContract> ContractsOffered(DataProductDescriptor dataProduct) =>
        dataProduct.OutputPorts.Select(p => FindContract(p.ContractId, p.Version)).OfType<DataContract>().ToList();
}
