namespace DataMesh.Contracts;

/// <summary>
/// The checks that span files: contracts belong to a declared data product, ports name contracts that
/// exist in a version they can use, and nothing is declared twice.
/// </summary>
/// <remarks>
/// A definition that could not be read is already reported; so that its problems are not echoed as
/// dangling references, references to descriptors (or contracts) are only checked when every descriptor
/// (or contract) file was read, and promises of a file with problems are not held against others.
/// </remarks>
internal sealed class CatalogueValidator(
    DataProductCatalogue catalogue, bool allDataProductsRead, bool allContractsRead, IReadOnlySet<string> filesWithErrors, Func<DataProductDescriptor, bool> resolvesInputPortsOf)
{
    private readonly List<ContractValidationError> errors = [];

    public IReadOnlyList<ContractValidationError> Validate()
    {
        RefuseDuplicates(catalogue.DataProducts, p => p.Id, p => p.Source, "data product");
        RefuseDuplicates(catalogue.Contracts, c => $"{c.Id} {c.Version}", c => c.Source, "contract");
        foreach (var contract in catalogue.Contracts)
        {
            CheckOwner(contract);
        }

        foreach (var dataProduct in catalogue.DataProducts)
        {
            foreach (var port in dataProduct.OutputPorts)
            {
                CheckOutputPort(dataProduct, port);
            }

            // A registration holds one domain's products, and a consumer keeps copies of its upstream's descriptors
            // without their own upstreams: only the input ports of the products at hand must resolve here.
            if (resolvesInputPortsOf(dataProduct))
            {
                foreach (var port in dataProduct.InputPorts)
                {
                    CheckInputPort(port);
                }
            }
        }

        return errors;
    }

    private void CheckOwner(DataContract contract)
    {
        var owner = catalogue.FindDataProduct(contract.DataProduct);
        if (owner is null && allDataProductsRead)
        {
            errors.Add(contract.Source.Error("dataProduct", $"'{contract.DataProduct}' is not the id of any data product descriptor (*.odps.yaml)"));
        }
        else if (owner is null)
        {
            return;
        }
        else if (owner.Domain != contract.Domain)
        {
            errors.Add(contract.Source.Error("domain", $"'{contract.Domain}' differs from '{owner.Domain}', the domain of data product {owner.Id}"));
        }
        else if (contract.Team is { Name.Length: > 0 } team && team.Name != owner.Team.Name && owner.Team.Name.Length > 0)
        {
            // A governance finding, not a validity one: both documents are valid, and the mesh wants one owner.
            errors.Add(contract.Source.Error("team", $"names team '{team.Name}' but data product {owner.Id} is owned by '{owner.Team.Name}'") with { Rule = MeshGovernance.OwnerTeam });
        }
        else if (!filesWithErrors.Contains(owner.Source.Location.File) && !owner.OutputPorts.Any(p => p.ContractId == contract.Id && p.Version.ComparePrecedenceTo(contract.Version) == 0))
        {
            errors.Add(contract.Source.Error("version", $"no output port of data product {owner.Id} offers contract {contract.Id} version {contract.Version}"));
        }
    }

    private void CheckOutputPort(DataProductDescriptor dataProduct, OutputPort port)
    {
        if (!allContractsRead)
        {
            return;
        }

        var versions = catalogue.Contracts.Where(c => c.Id == port.ContractId).ToList();
        var contract = catalogue.FindContract(port.ContractId, port.Version);
        if (versions.Count == 0)
        {
            errors.Add(port.Source.Error("contractId", $"no contract (*.odcs.yaml) has id '{port.ContractId}'"));
        }
        else if (contract is null)
        {
            errors.Add(port.Source.Error("version", $"contract {port.ContractId} has no version {port.Version} (found {string.Join(", ", versions.Select(c => c.Version))})"));
        }
        else if (contract.DataProduct != dataProduct.Id)
        {
            errors.Add(port.Source.Error("contractId", $"contract {contract.Id} belongs to data product {contract.DataProduct}, not {dataProduct.Id}"));
        }
    }

    private void CheckInputPort(InputPort port)
    {
        // A port without its upstream product is a governance finding already (MeshGovernance.UpstreamProduct).
        var upstreamKnown = catalogue.FindDataProduct(port.DataProductId) is not null;
        if (!upstreamKnown && allDataProductsRead && port.DataProductId.Length > 0)
        {
            errors.Add(port.Source.Error(InputPort.UpstreamField, $"'{port.DataProductId}' is not the id of any data product descriptor (*.odps.yaml)"));
        }

        if (!allContractsRead)
        {
            return;
        }

        var versions = catalogue.Contracts.Where(c => c.Id == port.ContractId).ToList();
        var contract = catalogue.FindCompatibleContract(port.ContractId, port.Version);
        if (versions.Count == 0)
        {
            errors.Add(port.Source.Error("contractId", $"no contract (*.odcs.yaml) has id '{port.ContractId}'"));
        }
        else if (contract is null)
        {
            errors.Add(port.Source.Error(
                "version",
                $"no version of contract {port.ContractId} is compatible with {port.Version} (same major, at least as new); found {string.Join(", ", versions.Select(c => c.Version))}"));
        }
        else if (upstreamKnown && contract.DataProduct != port.DataProductId)
        {
            errors.Add(port.Source.Error(InputPort.UpstreamField, $"contract {contract.Id} is offered by data product {contract.DataProduct}, not {port.DataProductId}"));
        }
    }

    private void RefuseDuplicates<T>(IReadOnlyList<T> items, Func<T, string> key, Func<T, DefinitionSource> source, string what)
    {
        var seen = new Dictionary<string, DefinitionSource>();
        foreach (var item in items)
        {
            if (!seen.TryAdd(key(item), source(item)))
            {
                errors.Add(source(item).Error("id", $"{what} {key(item)} is already defined at {seen[key(item)].LocationOf("id")}"));
            }
        }
    }
}
