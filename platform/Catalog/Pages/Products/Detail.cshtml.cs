using DataMesh.Catalog.Access;
using DataMesh.Catalog.Discovery;
using DataMesh.Catalog.Sql;
using DataMesh.Contracts.Compatibility;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataMesh.Catalog.Pages.Products;

public sealed class DetailModel(ProductFactsReader reader, ContractHistory history, SqlPortDirectory sqlPorts, SqlConnectionHints sqlConnections, CatalogCallerResolver callers) : PageModel
{
    public ProductFacts Facts { get; private set; } = null!;

    public string? Contract { get; private set; }

    public string? From { get; private set; }

    public string? To { get; private set; }

    public IReadOnlyList<ContractChange>? Diff { get; private set; }

    /// <summary>The product's SQL ports, each with how the caller's consumers connect (empty for anyone whose team holds no login granted on it).</summary>
    public IReadOnlyList<(SqlPortFacts Port, IReadOnlyList<SqlConnectionHint> Connections)> SqlPorts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, string? contract, string? from, string? to, CancellationToken cancellationToken)
    {
        if (await reader.FindAsync(id, cancellationToken) is not { } facts)
        {
            return NotFound();
        }

        Facts = facts;
        var caller = await callers.ResolveAsync(HttpContext, cancellationToken);
        var ports = new List<(SqlPortFacts, IReadOnlyList<SqlConnectionHint>)>();
        foreach (var port in await sqlPorts.FindAsync(id, cancellationToken))
        {
            ports.Add((port, await sqlConnections.ForAsync(caller, port, cancellationToken)));
        }

        SqlPorts = ports;
        (Contract, From, To) = (contract, from, to);
        if (contract is not null && from is not null && to is not null && facts.OutputPorts.Any(p => p.ContractId == contract))
        {
            Diff = await history.DiffAsync(contract, from, to, cancellationToken);
        }

        return Page();
    }
}
