using DataMesh.Catalog.Discovery;

namespace DataMesh.Catalog.Api;

/// <summary>Search, a product's facts, lineage, and the difference between contract versions.</summary>
public static class DiscoveryEndpoints
{
    public static RouteGroupBuilder MapDiscovery(this RouteGroupBuilder api)
    {
        api.MapGet("/products", SearchAsync).WithName("search-products")
            .WithSummary("Searches data products: full text over names, descriptions, property names and tags; filters; ranked; paged.")
            .ProducesValidationProblem();
        api.MapGet("/products/{id}", async (string id, ProductFactsReader reader, CancellationToken cancellationToken) =>
                await reader.FindAsync(id, cancellationToken) is { } facts ? Results.Ok(facts) : NotFound("id", $"no data product '{id}'"))
            .WithName("get-product").WithSummary("A data product's facts: owner, ports, schema with classifications, promises, versions, lineage, observations.")
            .Produces<ProductFacts>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/products/{id}/lineage", async (string id, ProductFactsReader reader, CancellationToken cancellationToken) =>
                await reader.FindAsync(id, cancellationToken) is { } facts ? Results.Ok(new { facts.Id, facts.Upstream, facts.Downstream }) : NotFound("id", $"no data product '{id}'"))
            .WithName("get-lineage").WithSummary("The products upstream and downstream of one, from input ports.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/contracts/{id}/diff", async (string id, string from, string to, ContractHistory history, CancellationToken cancellationToken) =>
                await history.DiffAsync(id, from, to, cancellationToken) is { } changes
                    ? Results.Ok(new { contractId = id, from, to, changes })
                    : NotFound("from", $"contract {id} has no registered version {from} or {to}"))
            .WithName("diff-contract").WithSummary("Every change between two registered versions of a contract, each with its path, kind and why.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> SearchAsync(
        ProductSearch search, CancellationToken cancellationToken,
        string? q = null, string? domain = null, string? owner = null, string? status = null, string? classification = null, int page = 1, int pageSize = ProductQuery.DefaultPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        if (q?.Length > ProductQuery.MaxTextLength)
        {
            errors["q"] = [$"at most {ProductQuery.MaxTextLength} characters"];
        }

        if (page < 1 || page > 10_000)
        {
            errors["page"] = ["from 1 to 10000"];
        }

        if (pageSize < 1 || pageSize > ProductQuery.MaxPageSize)
        {
            errors["pageSize"] = [$"from 1 to {ProductQuery.MaxPageSize}"];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await search.SearchAsync(new ProductQuery(q, domain, owner, status, classification, page, pageSize), cancellationToken));
    }

    private static IResult NotFound(string field, string detail) => throw CatalogRefusal.NotFound(field, detail);
}
