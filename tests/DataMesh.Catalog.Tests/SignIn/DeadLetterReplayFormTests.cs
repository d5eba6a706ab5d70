using System.Net;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.People;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// The dead-letter page's replay forms posted by people who may not replay (an anonymous visitor, the producer's owner),
/// each with a valid antiforgery token of their own session: refused by the same rule the API applies
/// (<see cref="DeadLetterReplay"/>), nothing sent, nothing marked, nothing audited.
/// </summary>
public sealed class DeadLetterReplayFormTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private static readonly string ReplayOne = $"{DeadLetterPages.Path}?handler=Replay";
    private static readonly string ReplayAll = $"{DeadLetterPages.Path}?handler=ReplayAll";

    private RecordingSidecar _sidecar = null!;
    private CatalogHost _catalog = null!;

    public async Task InitializeAsync() => (_sidecar, _catalog) = await DeadLetterPages.StartAsync(postgres, onRealPort: false);

    public async Task DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _sidecar.DisposeAsync();
    }

    [Fact]
    public async Task A_forged_replay_from_an_anonymous_visitor_or_another_teams_member_changes_nothing()
    {
        // An anonymous visitor's own valid antiforgery token (the sign-in form renders one), and none at all.
        using var anonymous = new PersonSession(_catalog);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostFormAsync(PersonPages.SignIn, ReplayOne, ("eventId", "refused-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostFormAsync(PersonPages.SignIn, ReplayAll)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostWithoutTokenAsync(ReplayOne, ("eventId", "refused-1"))).StatusCode);

        // The producer's owner, signed in, with the token the dead-letters page itself gives her.
        using var ada = new PersonSession(_catalog);
        PersonSession.AssertSignedIn(await ada.SignInAsync(Tests.People.Owner, DeadLetterPages.Password));
        Assert.DoesNotContain("?handler=Replay", await (await ada.GetAsync(DeadLetterPages.Path)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.PostFormAsync(DeadLetterPages.Path, ReplayOne, ("eventId", "refused-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ada.PostFormAsync(DeadLetterPages.Path, ReplayAll)).StatusCode);

        Assert.Empty(_sidecar.Requests);
        var kept = await _catalog.QueryAsync(db => db.DeadLetters.AsNoTracking().ToListAsync());
        Assert.Equal(2, kept.Count);
        Assert.All(kept, deadLetter => Assert.True(deadLetter is { ReplayedAt: null, ReplayedBy: null }, $"{deadLetter.EventId} was marked replayed by {deadLetter.ReplayedBy}"));
        Assert.False(await _catalog.QueryAsync(db => db.AccessAudit.AnyAsync(a => a.Action == DeadLetterReplay.ReplayedAction)));

        // The same form from the consuming team's member replays: the refusals above were the rule's, not a wrong form.
        using var carl = new PersonSession(_catalog);
        PersonSession.AssertSignedIn(await carl.SignInAsync(DeadLetterPages.ConsumerTeamMember, DeadLetterPages.Password));
        Assert.Equal(HttpStatusCode.OK, (await carl.PostFormAsync(DeadLetterPages.Path, ReplayOne, ("eventId", "refused-1"))).StatusCode);
        Assert.Equal(["refused-1"], DeadLetterPages.ReplayedEventIds(_sidecar));
    }
}
