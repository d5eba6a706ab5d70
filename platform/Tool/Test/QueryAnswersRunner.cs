using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DataMesh.Contracts;
using DataMesh.Gateway.Edge;

namespace DataMesh.Tool.Test;

/// <summary>
/// The schema of an <c>api</c> server's answers: the tool calls the server's <c>location</c> (a path under the gateway,
/// resolved against <see cref="ContractTestTarget.BaseAddress"/>, with the consumer's key in the gateway's header) and
/// checks every item it answers against the JSON Schema of the schema object the contract says the server serves
/// (<see cref="ServedByProperty"/>), as a producer's events are checked when published: a field the contract does not
/// name is a violation too. Items are the answer itself when it is a list, a page's <c>items</c> (each page of it, up to
/// <see cref="MaxPages"/>) or the one object answered. Values the gateway masked for the key (named in its
/// <c>X-DataMesh-Masked</c> header) are not the data and are not checked.
/// </summary>
public sealed class QueryAnswersRunner(HttpMessageHandler? handler = null) : IContractTestRunner
{
    /// <summary>The schema object custom property that names the api server whose answers' items are that object (<see cref="SchemaObject.ServedByProperty"/>).</summary>
    public const string ServedByProperty = SchemaObject.ServedByProperty;

    /// <summary>The environment variable <c>--base-url</c> defaults to.</summary>
    public const string BaseAddressVariable = "DATAMESH_BASE_URL";

    /// <summary>The environment variable <c>--api-key</c> defaults to (keeps the key off the command line).</summary>
    public const string ApiKeyVariable = "DATAMESH_API_KEY";

    /// <summary>Pages of a paged answer checked at most; the detail says when there were more.</summary>
    public const int MaxPages = 20;

    /// <summary>Violations printed per check; the count says how many there were.</summary>
    public const int ShownViolations = 5;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async IAsyncEnumerable<ContractCheckResult> RunAsync(
        DataContract contract, ContractServer server, ContractTestTarget target, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (server.Type != ContractServerType.Api)
        {
            yield break;
        }

        var served = contract.Schema.Where(o => o.ServedBy == server.Server).ToList();
        var check = $"answers of {server.Server} ({server.Location})";
        if (served.Count == 0)
        {
            yield return ContractCheckResult.Skip(check,
                $"no schema object says it is what server '{server.Server}' answers (customProperties: [{{property: {ServedByProperty}, value: {server.Server}}}])");
            yield break;
        }

        var address = Address(server.Location, target.BaseAddress);
        if (address is null)
        {
            yield return ContractCheckResult.Skip(check,
                $"the location '{server.Location}' is a path: give the gateway's address with --base-url or {BaseAddressVariable}");
            yield break;
        }

        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout;
        foreach (var schemaObject in served)
        {
            yield return await CheckAsync(http, $"{check} as {schemaObject.Name}", address, new ContractEventValidator(contract, schemaObject.Name), target.ApiKey, cancellationToken);
        }
    }

    private static Uri? Address(string? location, Uri? baseAddress) =>
        location is null ? null
        : Uri.TryCreate(location, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute
        : baseAddress is null ? null
        : new Uri(baseAddress, location);

    private static async Task<ContractCheckResult> CheckAsync(
        HttpClient http, string check, Uri address, ContractEventValidator validator, string? apiKey, CancellationToken cancellationToken)
    {
        var (items, pages, violations, masked) = (0, 0, new List<string>(), new SortedSet<string>(StringComparer.OrdinalIgnoreCase));
        int? pageCount = null;
        var next = address;
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (apiKey is not null)
            {
                request.Headers.Add(EdgeHeaders.ApiKey, apiKey);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new ContractCheckResult(check, false, $"GET {next} did not answer: {e.Message}");
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return new ContractCheckResult(check, false, $"GET {next} answered {(int)response.StatusCode} {response.ReasonPhrase}{Problem(body)}");
                }

                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(body);
                }
                catch (JsonException e)
                {
                    return new ContractCheckResult(check, false, $"GET {next} answered no JSON ({response.Content.Headers.ContentType}): {e.Message}");
                }

                using var parsed = document;
                var answer = document.RootElement;

                if (response.Headers.TryGetValues(EdgeHeaders.Masked, out var names))
                {
                    masked.UnionWith(names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
                }

                pages++;
                var (list, path) = Items(answer);
                foreach (var item in list)
                {
                    foreach (var violation in validator.Validate(item).Where(v => !masked.Contains(LastField(v.Field))))
                    {
                        violations.Add($"{path}[{items}].{violation}");
                    }

                    items++;
                }

                next = null;
                if (answer.ValueKind == JsonValueKind.Object
                    && Number(answer, "pageNumber") is { } pageNumber && Number(answer, "pageCount") is { } count && pageNumber < count)
                {
                    pageCount = count;
                    next = pages < MaxPages ? WithPage(address, pageNumber + 1, Number(answer, "pageSize")) : null;
                }
            }
        }

        var scope = $"{items} item(s){(pages > 1 ? $" on {pages} page(s)" : "")}{(pageCount > pages ? $" (the first {pages} of {pageCount} pages)" : "")}"
            + (masked.Count > 0 ? $"; masked by the gateway, not checked: {string.Join(", ", masked)}" : "");
        if (items == 0)
        {
            return ContractCheckResult.Skip(check, $"GET {address} answered no item: nothing to check the schema on");
        }

        if (violations.Count == 0)
        {
            return new ContractCheckResult(check, true, $"{scope} match the contract");
        }

        var shown = string.Join("; ", violations.Take(ShownViolations));
        return new ContractCheckResult(check, false,
            $"{violations.Count} violation(s) in {scope}: {shown}{(violations.Count > ShownViolations ? "; …" : "")}");
    }

    /// <summary>The items of an answer and how to name them: a list, a page's <c>items</c>, or the one object answered.</summary>
    private static (IEnumerable<JsonElement> Items, string Path) Items(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Array ? (answer.EnumerateArray(), "")
        : answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? (items.EnumerateArray(), "items")
        : ([answer], "answer");

    private static int? Number(JsonElement answer, string name) =>
        answer.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static string LastField(string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        var index = name.IndexOf('[', StringComparison.Ordinal);
        return index < 0 ? name : name[..index];
    }

    /// <summary>The address of another page: the location's own query with <c>page</c> (and the first page's size) set.</summary>
    private static Uri WithPage(Uri address, int page, int? pageSize)
    {
        var query = address.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("page=", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("pageSize=", StringComparison.OrdinalIgnoreCase))
            .Append($"page={page}");
        if (pageSize is { } size)
        {
            query = query.Append($"pageSize={size}");
        }

        return new UriBuilder(address) { Query = string.Join('&', query) }.Uri;
    }

    /// <summary>An RFC 7807 problem's detail, so the line says what the endpoint refused.</summary>
    private static string Problem(string body)
    {
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            return problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                ? $": {detail.GetString()}"
                : problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? $": {title.GetString()}" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
