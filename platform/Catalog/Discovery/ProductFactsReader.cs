using System.Data;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using DataMesh.Contracts;
using DataMesh.DomainServices.Paging;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Discovery;

/// <summary>Gathers a product's facts: its newest descriptor and contracts read back with the shared loader, history, lineage and observations.</summary>
public sealed class ProductFactsReader(CatalogDbContext db, PromiseObserver observer, QualityRuns quality)
{
    /// <summary>
    /// The facts as of one snapshot of the catalog's database: a quality result or event reported while they are read
    /// shows in none of their parts or in all of them, so the rules' last runs and the promise judged from them agree.
    /// </summary>
    public Task<ProductFacts?> FindAsync(string id, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            return await ReadAsync(id, cancellationToken);
        });

    private async Task<ProductFacts?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        var record = await db.DataProducts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var versions = await db.DataProductVersions.AsNoTracking().Where(v => v.DataProductId == id)
            .OrderByDescending(v => v.Major).ThenByDescending(v => v.Minor).ThenByDescending(v => v.Patch).ToListAsync(cancellationToken);
        var newest = versions.First(v => v.Version == record.Version);
        var contractVersions = await db.ContractVersions.AsNoTracking().Where(c => c.DataProductId == id)
            .OrderByDescending(v => v.Major).ThenByDescending(v => v.Minor).ThenByDescending(v => v.Patch).ToListAsync(cancellationToken);
        var descriptor = DataProductCatalogueLoader.LoadDescriptor(newest.Path, newest.Yaml);
        var offered = descriptor.OutputPorts.ToDictionary(
            port => port,
            port => contractVersions.Single(c => c.ContractId == port.ContractId && c.Version == port.Version.ToString()));

        var upstream = await db.Lineage.AsNoTracking().Where(e => e.DownstreamId == id).OrderBy(e => e.UpstreamId).ThenBy(e => e.InputPort).Bounded().ToListAsync(cancellationToken);
        var downstream = await db.Lineage.AsNoTracking().Where(e => e.UpstreamId == id).OrderBy(e => e.DownstreamId).ThenBy(e => e.InputPort).Bounded().ToListAsync(cancellationToken);
        var linkedIds = upstream.Select(e => e.UpstreamId).Concat(downstream.Select(e => e.DownstreamId)).ToList();
        var names = await db.DataProducts.AsNoTracking().Where(p => linkedIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var observed = (await observer.ObserveAsync([(id, record.Freshness)], cancellationToken))[id];
        var deadLetters = await db.DeadLetters.AsNoTracking().Where(d => d.DataProductId == id).OrderByDescending(d => d.ReceivedAt).Take(ProductFacts.RecentDeadLetterCount)
            .Select(d => new DeadLetterFacts(d.ConsumerId, d.EventId, d.EventType, d.ContractVersion, d.Reason, d.ReceivedAt)).ToListAsync(cancellationToken);
        var parked = await db.ParkedEvents.AsNoTracking().Where(p => p.DataProductId == id)
            .Select(p => new ParkedEventsFacts(p.Count, p.OldestParkedAt, p.OldestReason, p.ReportedAt)).SingleOrDefaultAsync(cancellationToken);
        var rules = (await quality.LastAsync(id, cancellationToken)).Take(ListLimit.MaxItems).ToList();
        var recent = rules.Count == 0 ? null : await quality.RecentAsync(id, QualityRuleFacts.RecentRunCount, cancellationToken);

        return new ProductFacts(
            id,
            descriptor.Name,
            descriptor.Domain,
            record.Status,
            record.Version,
            OwnerTeamFacts.Of(descriptor.Team),
            DescriptionFacts.Of(descriptor.Description),
            record.Tags,
            descriptor.OutputPorts.Select(port => Port(port, DataProductCatalogueLoader.LoadContract(offered[port].Path, offered[port].Yaml), contractVersions)).ToList(),
            versions.Take(ListLimit.MaxItems).Select(v => new VersionFacts(v.Version, v.RegisteredAt)).ToList(),
            upstream.Select(e => new LineageLink(e.UpstreamId, names.GetValueOrDefault(e.UpstreamId), e.InputPort, e.ContractId, e.ContractVersion, names.ContainsKey(e.UpstreamId))).ToList(),
            downstream.Select(e => new LineageLink(e.DownstreamId, names.GetValueOrDefault(e.DownstreamId), e.InputPort, e.ContractId, e.ContractVersion, true)).ToList(),
            observed,
            deadLetters,
            parked,
            rules.Select(r => new QualityRuleFacts(r.ContractId, r.ContractVersion, r.RuleId, r.Element, r.Kind, QualityRunFacts.Of(r),
                recent![(r.ContractId, r.RuleId)].Select(QualityRunFacts.Of).ToList())).ToList());
    }

    private static OutputPortFacts Port(OutputPort port, DataContract contract, IReadOnlyList<ContractVersionRecord> versions) => new(
        port.Name,
        port.Description,
        contract.Id,
        contract.Version.ToString(),
        contract.EventServer?.Topic,
        contract.QueryServer?.Location,
        contract.SlaProperties.Select(p => new PromiseFacts(p.Property, p.Value, p.Unit)).ToList(),
        contract.EventTypes.Select(o => new EventTypeFacts(
            o.Name,
            o.Description,
            Flatten("", o.Properties).ToList(),
            o.Examples.Select(e => EventTypeFacts.ExampleJson(e.Value)).ToList())).ToList(),
        versions.Where(v => v.ContractId == contract.Id).Take(ListLimit.MaxItems).Select(v => new VersionFacts(v.Version, v.RegisteredAt)).ToList());

    private static IEnumerable<PropertyFacts> Flatten(string prefix, IEnumerable<SchemaProperty> properties)
    {
        foreach (var property in properties)
        {
            var path = prefix + property.Name;
            yield return new PropertyFacts(path, property.LogicalType.ToString().ToLowerInvariant(), property.Required,
                property.Classification.ToString().ToLowerInvariant(), property.IsPersonalData, property.Description);
            foreach (var nested in Flatten($"{path}.", property.Properties))
            {
                yield return nested;
            }

            if (property.Items is { } items)
            {
                foreach (var nested in Flatten($"{path}[].", items.Properties))
                {
                    yield return nested;
                }
            }
        }
    }
}
