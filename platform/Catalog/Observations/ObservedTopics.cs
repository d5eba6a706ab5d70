using DataMesh.DataProducts.Subscribing;
using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// Which topics the catalog listens to, read from the registry: every registered contract version's topic,
/// and for every input port naming it, the dead-letter topic the data products library gives that port
/// (<c>{topic}.{consumer product id}.deadletter</c>).
/// </summary>
public sealed class ObservedTopics(CatalogDbContext db)
{
    public async Task<IReadOnlyList<ObservedTopic>> ListAsync(CancellationToken cancellationToken)
    {
        var contracts = (await db.ContractVersions.AsNoTracking().Where(c => c.Topic != null)
            .Select(c => new { c.ContractId, c.Version, c.Topic, c.DataProductId }).ToListAsync(cancellationToken))
            .Select(c => new { c.ContractId, c.Version, Topic = c.Topic!, c.DataProductId }).ToList();
        var edges = await db.Lineage.AsNoTracking().ToListAsync(cancellationToken);
        var outputs = contracts.Select(c => new ObservedTopic(c.Topic, c.DataProductId, null));
        var deadLetters = edges.SelectMany(edge => contracts
            .Where(c => c.ContractId == edge.ContractId && c.Version == edge.ContractVersion)
            .Select(c => new ObservedTopic(ConsumerTopics.DeadLetter(c.Topic, edge.DownstreamId), c.DataProductId, edge.DownstreamId)));
        return outputs.Concat(deadLetters).DistinctBy(t => t.Topic).OrderBy(t => t.Topic, StringComparer.Ordinal).ToList();
    }
}
