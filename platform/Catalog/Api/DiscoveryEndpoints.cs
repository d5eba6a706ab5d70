using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Discovery;
using DataMesh.Catalog.Registry;

namespace DataMesh.Catalog.Api;

/// <summary>Search, a product's facts, lineage, and the difference between contract versions.</summary>
public static class DiscoveryEndpoints
{
    public static RouteGroupBuilder MapDiscovery(this RouteGroupBuilder api)
    {
        api.MapGet("/products", SearchAsync).WithName("search-products")
            .WithSummary("Searches data products: full text over names, descriptions, property names and tags; filters; ranked; paged.")
            .Answers(StatusCodes.Status400BadRequest);
        api.MapGet("/products/{id}", async ([MaxLength(DataProductRecord.MaxIdLength)] string id, ProductFactsReader reader, CancellationToken cancellationToken) =>
                await reader.FindAsync(ProductId(id), cancellationToken) is { } facts ? Results.Ok(facts) : NotFound("id", $"no data product '{id}'"))
            .WithName("get-product").WithSummary("A data product's facts: owner, ports, schema with classifications, promises, versions, lineage, observations.")
            .Produces<ProductFacts>().Answers(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapGet("/products/{id}/lineage", async ([MaxLength(DataProductRecord.MaxIdLength)] string id, ProductFactsReader reader, CancellationToken cancellationToken) =>
                await reader.FindAsync(ProductId(id), cancellationToken) is { } facts ? Results.Ok(new { facts.Id, facts.Upstream, facts.Downstream }) : NotFound("id", $"no data product '{id}'"))
            .WithName("get-lineage").WithSummary("The products upstream and downstream of one, from input ports.")
            .Answers(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapGet("/contracts/{id}/diff", async (
                [MaxLength(ContractVersionRecord.MaxIdLength)] string id,
                [MaxLength(ContractVersionRecord.MaxVersionLength)] string from,
                [MaxLength(ContractVersionRecord.MaxVersionLength)] string to,
                ContractHistory history,
                CancellationToken cancellationToken) =>
            {
                CatalogRefusal.ThrowIfBlank("id", id, ContractVersionRecord.MaxIdLength);
                CatalogRefusal.ThrowIfBlank("from", from, ContractVersionRecord.MaxVersionLength);
                CatalogRefusal.ThrowIfBlank("to", to, ContractVersionRecord.MaxVersionLength);
                return await history.DiffAsync(id, from, to, cancellationToken) is { } changes
                    ? Results.Ok(new { contractId = id, from, to, changes })
                    : NotFound("from", $"contract {id} has no registered version {from} or {to}");
            })
            .WithName("diff-contract").WithSummary("Every change between two registered versions of a contract, each with its path, kind and why.")
            .Answers(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> SearchAsync(
        ProductSearch search, CancellationToken cancellationToken,
        [MaxLength(ProductQuery.MaxTextLength)] string? q = null,
        [MaxLength(DataProductRecord.MaxDomainLength)] string? domain = null,
        [MaxLength(TeamDirectory.MaxNameLength)] string? owner = null,
        [MaxLength(ProductQuery.MaxKeywordLength)] string? status = null,
        [MaxLength(ProductQuery.MaxKeywordLength)] string? classification = null,
        [Range(1, ProductQuery.MaxPage)] int page = 1,
        [Range(1, ProductQuery.MaxPageSize)] int pageSize = ProductQuery.DefaultPageSize)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, value, maxLength) in new[]
        {
            ("q", q, ProductQuery.MaxTextLength),
            ("domain", domain, DataProductRecord.MaxDomainLength),
            ("owner", owner, TeamDirectory.MaxNameLength),
            ("status", status, ProductQuery.MaxKeywordLength),
            ("classification", classification, ProductQuery.MaxKeywordLength),
        })
        {
            if (value?.Length > maxLength)
            {
                errors[field] = [$"at most {maxLength} characters"];
            }
        }

        if (page < 1 || page > ProductQuery.MaxPage)
        {
            errors["page"] = [$"from 1 to {ProductQuery.MaxPage}"];
        }

        if (pageSize < 1 || pageSize > ProductQuery.MaxPageSize)
        {
            errors["pageSize"] = [$"from 1 to {ProductQuery.MaxPageSize}"];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await search.SearchAsync(new ProductQuery(q, domain, owner, status, classification, page, pageSize), cancellationToken));
    }

    /// <summary>Refuses (400) a product id no registered product can have.</summary>
    private static string ProductId(string id)
    {
        CatalogRefusal.ThrowIfBlank("id", id, DataProductRecord.MaxIdLength);
        return id;
    }

    private static IResult NotFound(string field, string detail) => throw CatalogRefusal.NotFound(field, detail);
}
