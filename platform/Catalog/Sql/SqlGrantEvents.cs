using Dapr.Client;
using DataMesh.DataProducts.Registration;
using DataMesh.DataProducts.SqlPorts;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// Tells the owning domains that a grant on a product with a SQL port changed: <see cref="SqlGrantChanged"/> on
/// <see cref="SqlGrantChanged.Topic"/> through the catalog's sidecar, on the mesh's pub/sub. The event is a nudge: the domains
/// ask for the product's grants and also reconcile every minute, so a publish that fails is logged and fails nothing.
/// </summary>
public sealed class SqlGrantEvents(DaprClient dapr, SqlPortDirectory ports, ILogger<SqlGrantEvents> logger)
{
    /// <summary>How long one publish may take before it is given up (logged): a request never waits longer on the sidecar.</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Publishes one event for each (product, consumer) whose product has a SQL port; the others need none.</summary>
    public async Task ChangedAsync(IEnumerable<(string DataProductId, string ConsumerId)> grants, CancellationToken cancellationToken)
    {
        var changed = grants.Distinct().ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var withPorts = await ports.WithSqlPortsAsync(changed.Select(g => g.DataProductId).Distinct().ToList(), cancellationToken);
        foreach (var (dataProductId, consumerId) in changed.Where(g => withPorts.Contains(g.DataProductId)))
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PublishTimeout);
            try
            {
                await dapr.PublishEventAsync(DataProductsOptions.MeshPubSubName, SqlGrantChanged.Topic, new SqlGrantChanged(dataProductId, consumerId), timeout.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Could not publish {Topic} for {DataProductId} and consumer {ConsumerId}; the domain's next reconciliation applies the change.",
                    SqlGrantChanged.Topic, dataProductId, consumerId);
            }
        }
    }

    public Task ChangedAsync(string dataProductId, string consumerId, CancellationToken cancellationToken) =>
        ChangedAsync([(dataProductId, consumerId)], cancellationToken);
}
