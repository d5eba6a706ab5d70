using System.Globalization;
using DataMesh.Contracts;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// The Kafka topic behind one output port, sized by the port's contract: retention from the contract's
/// <c>retention</c> SLA entry, partitions from its optional <c>partitions</c> entry (a whole number).
/// </summary>
public sealed record OutputPortTopic(string Topic, string DataProduct, string ContractId, string ContractVersion, int Partitions, TimeSpan Retention)
{
    public const string PartitionsProperty = "partitions";

    /// <summary>
    /// The topics of the output ports defined under <paramref name="folder"/>, loaded and checked as the service that
    /// owns the folder loads them: only the data products of <paramref name="ownDomain"/> (copies of upstream
    /// products a consumer keeps belong to their owners), or all of them when it is null. Ordered by topic.
    /// </summary>
    /// <exception cref="DataProductDefinitionException">A definition is invalid; the message names file, line and field.</exception>
    public static IReadOnlyList<OutputPortTopic> Load(string folder, string? ownDomain, int defaultPartitions)
    {
        var catalogue = DataProductCatalogueLoader.Load(folder, ownDomain);
        var errors = new List<ContractValidationError>();
        var topics = new List<OutputPortTopic>();
        foreach (var dataProduct in catalogue.DataProducts.Where(product => ownDomain is null || product.Domain == ownDomain))
        {
            foreach (var port in dataProduct.OutputPorts)
            {
                // The loader has checked that every port's contract exists and states a retention.
                var contract = catalogue.FindContract(port.ContractId, port.Version)!;
                if (contract.EventServer is null)
                {
                    // A SQL output port has tables, no topic.
                    continue;
                }

                var retention = contract.SlaProperty("retention")!.Duration!.Value;
                var partitions = defaultPartitions;
                if (contract.SlaProperty(PartitionsProperty) is { } stated)
                {
                    if (int.TryParse(stated.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
                    {
                        partitions = count;
                    }
                    else
                    {
                        errors.Add(stated.Source.Error("value", $"'{stated.Value}' is not a whole number of partitions (1 or more)"));
                        continue;
                    }
                }

                topics.Add(new OutputPortTopic(contract.EventServer.Topic!, dataProduct.Id, contract.Id, contract.Version.ToString(), partitions, retention));
            }
        }

        return errors.Count > 0
            ? throw new DataProductDefinitionException(errors)
            : topics.OrderBy(topic => topic.Topic, StringComparer.Ordinal).ToList();
    }
}
