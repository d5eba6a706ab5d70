using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DataMesh.Catalog.Pages;

public sealed class BreachesModel(PromiseBreaches breaches) : PageModel
{
    public IReadOnlyList<(DataProductRecord Product, PromiseObservation Observed)> Breaches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Breaches = await breaches.ListAsync(cancellationToken);
}
