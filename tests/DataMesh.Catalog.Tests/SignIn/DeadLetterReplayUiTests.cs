using DataMesh.Catalog.Observations;
using DataMesh.Testing;
using Microsoft.Playwright;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// A consuming product's dead letters on its own page, replayed by people who signed in: in Chromium, a member of the
/// consuming team reads them unmasked and presses Replay and Replay all (and the catalog's sidecar, a recording server
/// here, gets each event once); the producer's owner and an anonymous visitor read them masked and see no button; a
/// forged POST from them is refused (<see cref="DeadLetterReplayFormTests"/>).
/// </summary>
public sealed class DeadLetterReplayUiTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private RecordingSidecar _sidecar = null!;
    private CatalogHost _catalog = null!;

    public async Task InitializeAsync() => (_sidecar, _catalog) = await DeadLetterPages.StartAsync(postgres, onRealPort: true);

    public async Task DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _sidecar.DisposeAsync();
    }

    [Fact]
    public async Task The_consuming_team_replays_from_the_page_and_the_producers_owner_and_anonymous_visitors_see_no_button()
    {
        await using var browser = await CatalogBrowser.LaunchAsync(_catalog);

        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync($"/products/{DeadLetters.Consumer}");
        await anonymous.GetByRole(AriaRole.Link, new() { Name = $"Events {DeadLetters.Consumer} refused as a consumer (dead letters), and their replay" }).ClickAsync();
        await AssertShownWithoutReplayAsync(anonymous);
        await browser.ScreenshotAsync(anonymous, "dead-letters-1-anonymous.png");

        // Ada owns hr.employees, the producer: the consumer's dead letters are not hers to read unmasked or to replay.
        var ada = await browser.SignInAsync(Tests.People.Owner, DeadLetterPages.Password);
        await ada.GotoAsync(DeadLetterPages.Path);
        await AssertShownWithoutReplayAsync(ada);

        var carl = await browser.SignInAsync(DeadLetterPages.ConsumerTeamMember, DeadLetterPages.Password);
        await carl.GotoAsync(DeadLetterPages.Path);
        var table = DeadLetterTable(carl);
        await Assertions.Expect(table).ToContainTextAsync("Ada Lovelace");
        await Assertions.Expect(table).Not.ToContainTextAsync(PersonalDataMask.Masked);
        await browser.ScreenshotAsync(carl, "dead-letters-2-consuming-team.png");
        await carl.GetByRole(AriaRole.Button, new() { Name = "Replay refused-1", Exact = true }).ClickAsync();
        await Assertions.Expect(carl.GetByRole(AriaRole.Status)).ToContainTextAsync($"Event refused-1 was sent back to {DeadLetters.Consumer}.");
        var replayed = DeadLetterTable(carl).GetByRole(AriaRole.Row).Filter(new() { HasText = "refused-1" });
        await Assertions.Expect(replayed).ToContainTextAsync($"by {DeadLetterPages.ConsumerTeamMember}");
        await Assertions.Expect(replayed.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(carl, "dead-letters-3-replayed.png");
        Assert.Equal(["refused-1"], DeadLetterPages.ReplayedEventIds(_sidecar));
        Assert.Equal(DeadLetterPages.ConsumerTeamMember, await DeadLetterPages.ReplayedByAsync(_catalog, "refused-1"));

        await carl.GetByRole(AriaRole.Button, new() { Name = "Replay all", Exact = true }).ClickAsync();
        await Assertions.Expect(carl.GetByRole(AriaRole.Status)).ToContainTextAsync($"1 dead letter(s) sent back to {DeadLetters.Consumer}.");
        await Assertions.Expect(carl.GetByRole(AriaRole.Button, new() { NameRegex = new("^Replay") })).ToHaveCountAsync(0);
        Assert.Equal(["refused-1", "refused-2"], DeadLetterPages.ReplayedEventIds(_sidecar));
        Assert.Equal(DeadLetterPages.ConsumerTeamMember, await DeadLetterPages.ReplayedByAsync(_catalog, "refused-2"));
    }

    private static ILocator DeadLetterTable(IPage page) => page.GetByRole(AriaRole.Table, new() { Name = $"Events {DeadLetters.Consumer} refused" });

    /// <summary>The dead letters listed with their personal fields masked, as the API lists them to this caller, and no replay button.</summary>
    private static async Task AssertShownWithoutReplayAsync(IPage page)
    {
        var table = DeadLetterTable(page);
        await Assertions.Expect(table).ToContainTextAsync("refused-1");
        await Assertions.Expect(table).ToContainTextAsync("refused-2");
        await Assertions.Expect(table).ToContainTextAsync(PersonalDataMask.Masked);
        await Assertions.Expect(table).Not.ToContainTextAsync("Ada Lovelace");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Replay") })).ToHaveCountAsync(0);
    }
}
