using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Contracts;
using DataMesh.DataProducts.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataMesh.DataProducts.SqlPorts.Grants;

/// <summary>
/// Keeps the domain's SQL ports granted as the catalog says: for each port it reads the product's grants
/// (<c>GET</c> <see cref="CatalogRegistrationOptions.SqlGrantsPath"/>, the service's credential) and applies them
/// (<see cref="SqlGrantsReconciler"/>), at start (after the migrations, which are started before it), whenever a
/// <see cref="SqlGrantChanged"/> event for one of the domain's products nudges it (<see cref="SqlGrantsNudge"/>), and every
/// <see cref="CatalogRegistrationOptions.SqlGrantsInterval"/>, so a lost event costs at most one interval. While the
/// catalog does not answer, the database keeps what it said last, and the reconciliation is retried with the catalog's
/// backoff (<see cref="CatalogRetryDelay"/>).
/// </summary>
public sealed class SqlGrantsSync<TDbContext>(
    IServiceProvider services,
    IHttpClientFactory httpClients,
    DomainSqlPorts ports,
    SqlGrantsReconciler reconciler,
    SqlGrantsNudge nudge,
    DataProductsOptions options,
    TimeProvider clock,
    ILogger<SqlGrantsSync<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ports.All.Count == 0)
        {
            return;
        }

        var (database, owned) = await DomainDataSource<TDbContext>.OpenAsync(services, "its SQL ports' grants cannot be applied", stoppingToken);
        using var http = httpClients.CreateClient(CatalogRegistration.HttpClientName);
        var retry = new CatalogRetryDelay(options.Catalog);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = options.Catalog.SqlGrantsInterval;
                if (await ReconcileAsync(http, database, stoppingToken))
                {
                    retry.Succeeded();
                }
                else
                {
                    var retryDelay = retry.Failed();
                    wait = retryDelay < wait ? retryDelay : wait;
                }

                await nudge.WaitAsync(wait, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (owned)
            {
                await database.DisposeAsync();
            }
        }
    }

    /// <returns>Whether every port was reconciled; one that failed leaves the others applied.</returns>
    private async Task<bool> ReconcileAsync(HttpClient http, NpgsqlDataSource database, CancellationToken stoppingToken)
    {
        var all = true;
        foreach (var port in ports.All)
        {
            try
            {
                var answer = await GrantsAsync(http, port.DataProductId, stoppingToken);
                await reconciler.ApplyAsync(database, port, answer, ports.Schemas, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "The grants of the SQL port {Schema} of {DataProductId} could not be applied; the database keeps what it said.", port.Schema, port.DataProductId);
                all = false;
            }
        }

        return all;
    }

    /// <exception cref="HttpRequestException">The catalog did not answer with the product's grants.</exception>
    private async Task<SqlGrantsAnswer> GrantsAsync(HttpClient http, string dataProductId, CancellationToken stoppingToken)
    {
        using var response = await http.GetAsync(new Uri(options.Catalog.Address, CatalogRegistrationOptions.SqlGrantsPath(dataProductId)), stoppingToken);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<SqlGrantsAnswer>(JsonSerializerOptions.Web, stoppingToken);
        return answer is { Grants: not null } && answer.DataProductId == dataProductId
            ? answer
            : throw new HttpRequestException($"The catalog's answer to {CatalogRegistrationOptions.SqlGrantsPath(dataProductId)} is not the grants of {dataProductId}.");
    }
}
