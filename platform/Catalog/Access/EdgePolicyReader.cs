using DataMesh.Catalog.Registry;
using DataMesh.Contracts;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Access;

/// <summary>Reads the <see cref="EdgePolicy"/> from the newest registered version of every data product and the contracts it offers.</summary>
public sealed class EdgePolicyReader(CatalogDbContext db)
{
    public async Task<EdgePolicy> ReadAsync(CancellationToken cancellationToken)
    {
        var products = await db.DataProducts.AsNoTracking()
            .Join(db.DataProductVersions, p => new { p.Id, p.Version }, v => new { Id = v.DataProductId, v.Version }, (p, v) => new { p.Id, p.Domain, p.Owner, v.Path, v.Yaml })
            .OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var productIds = products.Select(p => p.Id).ToList();
        var contracts = (await db.ContractVersions.AsNoTracking().Where(c => productIds.Contains(c.DataProductId)).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.ContractId, c.Version));

        var ports = new List<QueryPortPolicy>();
        foreach (var product in products)
        {
            foreach (var port in DataProductCatalogueLoader.LoadDescriptor(product.Path, product.Yaml).OutputPorts)
            {
                // Registration stores every contract a registered descriptor offers, so the pair is always there.
                var record = contracts[(port.ContractId, port.Version.ToString())];
                var contract = DataProductCatalogueLoader.LoadContract(record.Path, record.Yaml);
                if (contract.QueryServer?.Location is { } location)
                {
                    var personalData = contract.Schema.SelectMany(o => PersonalData(o.Properties)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    ports.Add(new QueryPortPolicy(product.Id, product.Domain, product.Owner, location, personalData));
                }
            }
        }

        var domainTeams = products.GroupBy(p => p.Domain, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Owner).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        return new EdgePolicy(domainTeams, ports);
    }

    private static IEnumerable<string> PersonalData(IEnumerable<SchemaProperty> properties) =>
        properties.SelectMany(p => (p.IsPersonalData ? [p.Name] : Enumerable.Empty<string>())
            .Concat(PersonalData(p.Properties))
            .Concat(p.Items is { } items ? PersonalData(items.Properties) : []));
}
