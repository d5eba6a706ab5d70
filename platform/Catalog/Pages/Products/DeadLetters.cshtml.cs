using DataMesh.Catalog.Access;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Pages.Products;

/// <summary>
/// The events a consuming product refused, as <see cref="DeadLetterReplay"/> lists them to the caller (personal fields
/// masked but for the product's team and administrators); the replay buttons only for those
/// <see cref="DeadLetterReplay.MayReplay"/> lets replay, and every POST decided again by <see cref="DeadLetterReplay"/> itself.
/// </summary>
public sealed class DeadLettersModel(DeadLetterReplay replay, CatalogCallerResolver callers, CatalogDbContext db) : CallerPageModel(callers)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public IReadOnlyList<KeptDeadLetter> DeadLetters { get; private set; } = [];

    /// <summary>Whether the caller sees the replay buttons.</summary>
    public bool MayReplay { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplayAsync(string eventId, CancellationToken cancellationToken)
    {
        await TryAsync(async () =>
        {
            var replayed = await replay.ReplayAsync(Id, eventId ?? "", Caller, cancellationToken);
            Outcome = $"Event {replayed.EventId} was sent back to {replayed.ConsumerId}.";
        });
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReplayAllAsync(CancellationToken cancellationToken)
    {
        await TryAsync(async () => Outcome = $"{await replay.ReplayAllAsync(Id, Caller, cancellationToken)} dead letter(s) sent back to {Id}.");
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await db.DataProducts.AsNoTracking().SingleOrDefaultAsync(product => product.Id == Id, cancellationToken) is not { } consumer)
        {
            return false;
        }

        MayReplay = DeadLetterReplay.MayReplay(consumer, Caller);
        DeadLetters = await replay.ListAsync(Id, Caller, cancellationToken);
        return true;
    }
}
