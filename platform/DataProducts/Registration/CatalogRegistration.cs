using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataMesh.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Registration;

/// <summary>
/// Registers the service's data products with the catalog in the background, retrying with backoff until the
/// catalog accepts them, so the service serves its own API whether or not the catalog is up. The request is
/// idempotent: the same files register the same products again.
/// </summary>
public sealed class CatalogRegistration(
    IHttpClientFactory httpClients,
    DataProductCatalogue catalogue,
    DataProductsOptions options,
    TimeProvider clock,
    ILogger<CatalogRegistration> logger) : BackgroundService
{
    public const string HttpClientName = "DataMesh.DataProducts.Catalog";

    /// <summary>Set once the catalog answered, accepting or refusing for good; for health checks and tests.</summary>
    public Task<bool> Registered => registered.Task;

    private readonly TaskCompletionSource<bool> registered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The service's own descriptors and the contracts they offer, read from the definitions folder.</summary>
    public CatalogRegistrationRequest Request()
    {
        var own = catalogue.DataProducts.Where(p => p.Domain == options.Domain).ToList();
        return new CatalogRegistrationRequest(
            options.Domain,
            own.Select(p => File(p.Source)).ToList(),
            own.SelectMany(catalogue.ContractsOffered).Select(c => File(c.Source)).ToList());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var request = Request();
        var retry = new CatalogRetryDelay(options.Catalog);
        using var http = httpClients.CreateClient(HttpClientName);
        try
        {
            while (true)
            {
                var (status, problem) = await PostAsync(http, request, stoppingToken);
                if (status is { } code && (int)code is >= 200 and < 300)
                {
                    logger.LogInformation("Registered {Count} data product(s) with the catalog.", request.Descriptors.Count);
                    registered.SetResult(true);
                    return;
                }

                if (status is { } refused && (int)refused is >= 400 and < 500 && refused is not (HttpStatusCode.NotFound or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests))
                {
                    // The catalog read the request and refused it: sending it again cannot change the answer. Its reasons
                    // (file, line and field of each) are what the domain's team needs to fix it, so they go in the log.
                    logger.LogError("The catalog refused the registration of the data products of {Domain} with {StatusCode}; not retrying. {Problem}",
                        options.Domain, (int)refused, problem);
                    registered.SetResult(false);
                    return;
                }

                var retryDelay = retry.Failed();
                logger.LogWarning("The catalog did not accept the registration ({Status}); retrying in {RetryDelay}.", status?.ToString() ?? "no answer", retryDelay);
                await Task.Delay(retryDelay, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            registered.TrySetCanceled(stoppingToken);
        }
    }

    /// <returns>The catalog's status code (null when it could not be reached) and, with a refusal, its problem's title and detail.</returns>
    private async Task<(HttpStatusCode? Status, string? Problem)> PostAsync(HttpClient http, CatalogRegistrationRequest request, CancellationToken stoppingToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(new Uri(options.Catalog.Address, options.Catalog.Path), request, stoppingToken);
            return (response.StatusCode, response.IsSuccessStatusCode ? null : await ProblemAsync(response, stoppingToken));
        }
        // The standard resilience handler ends a slow attempt with Polly's TimeoutRejectedException, not a cancellation:
        // a catalog that answers late (starting, loaded) is unreachable for now, never a reason to stop the service.
        catch (Exception exception) when (exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
            || (exception is TaskCanceledException && !stoppingToken.IsCancellationRequested))
        {
            logger.LogDebug(exception, "The catalog at {Address} could not be reached.", options.Catalog.Address);
            return (null, null);
        }
    }

    /// <summary>An RFC 7807 answer's title and detail, or null when the answer is not one (bounded: a log line, not a dump).</summary>
    private static async Task<string?> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        const int MaxLength = 8 * 1024;
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var text = string.Join(": ", new[] { "title", "detail" }
                .Select(name => problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
                .Where(part => !string.IsNullOrWhiteSpace(part)));
            return text.Length == 0 ? null : text.Length <= MaxLength ? text : text[..MaxLength] + "…";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private DefinitionFile File(DefinitionSource source) =>
        new(source.Location.File, System.IO.File.ReadAllText(Path.Combine(options.DefinitionsPath, source.Location.File)));
}
