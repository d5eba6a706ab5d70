using System.Threading.Channels;
using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Sql.Federation;

/// <summary>
/// Keeps the mesh database matching the registry: at start, after each registration that commits a contract
/// (<see cref="Nudge"/>, from <see cref="RegistrationCommittedInterceptor"/>), and every
/// <see cref="MeshFederationOptions.ReconcileInterval"/>. A round that fails (the mesh database not there yet) is tried
/// again a few seconds later; every round is idempotent, so a nudge lost or repeated costs nothing.
/// </summary>
public sealed class MeshFederationReconciler(
    MeshFederation federation, IServiceScopeFactory scopes, ILogger<MeshFederationReconciler> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a round soon (a registration committed); never waits.</summary>
    public void Nudge() => nudges.Writer.TryWrite(true);

    /// <summary>One round: the foreign servers, then every registered SQL port's foreign tables.</summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        await federation.EnsureServersAsync(cancellationToken);
        IReadOnlyList<FederatedPort> ports;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var contracts = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().ContractVersions.AsNoTracking()
                .Select(version => new RegisteredContractText(version.ContractId, version.Path, version.Yaml))
                .ToListAsync(cancellationToken);
            ports = SqlPortContracts.Newest(contracts, logger);
        }

        await federation.FederateAsync(ports, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = federation.Options.ReconcileInterval;
            try
            {
                await ReconcileAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "The mesh database could not be made to match the registry; trying again in {Delay}.", RetryAfterFailure);
                wait = RetryAfterFailure;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(wait);
            try
            {
                await nudges.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The interval passed without a registration: a round all the same.
            }
        }
    }
}
