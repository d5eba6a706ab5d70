using DataMesh.Contracts;
using DataMesh.DataProducts.Registration;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// The input ports of the domain's data products, as Dapr subscriptions. The upstream contracts come from the
/// domain's own definitions folder: a consumer keeps a copy of each contract version it declares (a
/// consumer-driven contract), so it checks events against what it was written for, not whatever the producer
/// currently says.
/// </summary>
public sealed class DataProductSubscriptions
{
    public DataProductSubscriptions(DataProductCatalogue catalogue, DataProductsOptions options)
    {
        var subscriptions = new List<InputPortSubscription>();
        foreach (var consumer in catalogue.DataProducts.Where(p => p.Domain == options.Domain))
        {
            foreach (var port in consumer.InputPorts)
            {
                var contract = catalogue.FindContract(port.ContractId, port.Version)
                    ?? throw new DataProductDefinitionException([port.Source.Error("version",
                        $"the consumer keeps no copy of contract {port.ContractId} {port.Version}; put the upstream *.odcs.yaml of that version in {options.DefinitionsFolder}")]);
                if (contract.EventServer is null)
                {
                    throw new DataProductDefinitionException([port.Source.Error("contractId",
                        $"contract {port.ContractId} describes tables (a SQL output port), not events: an input port reads events; read the tables in SQL")]);
                }

                subscriptions.Add(new InputPortSubscription(consumer, port, contract));
            }
        }

        All = subscriptions;
    }

    public IReadOnlyList<InputPortSubscription> All { get; }

    public InputPortSubscription? Find(string dataProductId, string inputPort) =>
        All.FirstOrDefault(s => s.Consumer.Id == dataProductId && s.Port.Name == inputPort);
}
