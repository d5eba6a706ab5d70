using DataMesh.DomainServices.Persistence;
using Domain1.Commands;
using Microsoft.EntityFrameworkCore;

namespace Domain1.Persistence;

/// <summary>
/// Three product1, recorded through <see cref="Entity1Book"/> so that consumers receive them as events, and
/// one of them closed. Fixed ids and dates: the same demo on every machine.
/// </summary>
public sealed class Domain1DemoData(Domain1DbContext db, Entity1Book book) : IDemoData
{
    private static readonly (Guid Id, string Name, decimal Amount, DateOnly RecordedOn)[] Recorded =
    [
        (Guid.Parse("0f000000-0000-4000-8000-000000000001"), "First", 1200m, new DateOnly(2026, 10, 5)),
        (Guid.Parse("0f000000-0000-4000-8000-000000000002"), "Second", 800m, new DateOnly(2026, 10, 19)),
        (Guid.Parse("0f000000-0000-4000-8000-000000000003"), "Third", 2500m, new DateOnly(2026, 11, 2)),
    ];

    public Task<bool> IsPresentAsync(CancellationToken cancellationToken) => db.Product1.AnyAsync(cancellationToken);

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, name, amount, recordedOn) in Recorded)
        {
            await book.RecordAsync(id, name, amount, recordedOn, cancellationToken);
        }

        var first = await db.Product1.SingleAsync(e => e.Id == Recorded[0].Id, cancellationToken);
        await book.CloseAsync(first, new DateOnly(2026, 11, 16), cancellationToken);
    }
}
