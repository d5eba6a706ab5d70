using DataMesh.Contracts;
using DataMesh.DataProducts.Registration;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// The publishing side of the domain's data products: hands out one <see cref="OutputPortPublisher"/> per
/// output port, built once since each holds the JSON Schemas of its contract.
/// </summary>
public sealed class DataProductPublisher
{
    private readonly Dictionary<(string DataProductId, string Port), OutputPortPublisher> ports = [];

    public DataProductPublisher(DataProductCatalogue catalogue, DataProductsOptions options, TimeProvider clock)
    {
        foreach (var dataProduct in catalogue.DataProducts.Where(p => p.Domain == options.Domain))
        {
            foreach (var port in dataProduct.OutputPorts)
            {
                // The catalogue loader has checked that every output port's contract exists.
                var contract = catalogue.FindContract(port.ContractId, port.Version)!;
                if (contract.EventServer is null)
                {
                    // A SQL output port: its tables are written by the domain's own transactions, no event goes out.
                    continue;
                }

                ports[(dataProduct.Id, port.Name)] = new OutputPortPublisher(dataProduct, port, contract, clock);
            }
        }
    }

    /// <summary>The output port <paramref name="portName"/> of the domain's data product <paramref name="dataProductId"/>.</summary>
    /// <exception cref="KeyNotFoundException">The domain owns no such data product or port.</exception>
    public OutputPortPublisher OutputPort(string dataProductId, string portName) =>
        ports.GetValueOrDefault((dataProductId, portName))
        ?? throw new KeyNotFoundException(
            $"No output port '{portName}' of a data product '{dataProductId}' in this domain (it has {string.Join(", ", ports.Keys.Select(k => $"{k.DataProductId}/{k.Port}"))}).");
}
