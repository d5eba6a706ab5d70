using DataMesh.Catalog.Access;
using DataMesh.Catalog.People;
using DataMesh.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// Access governed through the UI by people who signed in, in Chromium: a consumer team's member creates a consumer and
/// its key and asks for access; a member of another team sees no approve button and a forged POST with her own valid
/// antiforgery token is refused; the owner sees the queue and approves; the audit trail names who did what; anonymous
/// visitors get no forms; signing out ends the session.
/// </summary>
public sealed class AccessUiTests(PostgresServerFixture postgres) : CatalogTest(postgres, onRealPort: true)
{
    private const string Password = "a-long-test-password";
    private const string Consumer = "payroll-reporting";

    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await Catalog.RegisterAsync(Definitions.Finance());
        await Tests.People.CreateTeamsAsync(Catalog);
        await Catalog.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            foreach (var person in (string[])[Tests.People.Owner, Tests.People.ConsumerTeamMember, Tests.People.OtherTeamMember])
            {
                Assert.True((await users.CreateAsync(new IdentityUser(person), Password)).Succeeded);
            }

            return true;
        });
    }

    [Fact]
    public async Task A_member_asks_for_access_another_team_cannot_decide_it_and_the_owner_approves()
    {
        await using var browser = await CatalogBrowser.LaunchAsync(Catalog);

        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync("/products/hr.employees");
        await Assertions.Expect(anonymous.Locator("form[method=post]")).ToHaveCountAsync(0);
        await anonymous.GotoAsync("/approvals?team=people-platform");
        Assert.Equal(PersonPages.SignIn, new Uri(anonymous.Url).AbsolutePath);

        var grace = await SignInAsync(browser, Tests.People.ConsumerTeamMember);
        await grace.GetByRole(AriaRole.Link, new() { Name = "Consumers and keys" }).ClickAsync();
        await Assertions.Expect(grace.GetByLabel("Team", new() { Exact = true })).ToHaveValueAsync(Tests.People.ConsumerTeam);
        await grace.GetByLabel("Consumer id (lower case, digits, dashes)").FillAsync(Consumer);
        await grace.GetByRole(AriaRole.Button, new() { Name = "Create consumer" }).ClickAsync();
        await grace.GetByRole(AriaRole.Button, new() { Name = $"Issue a key for {Consumer}" }).ClickAsync();
        var key = await grace.GetByLabel("New key").TextContentAsync();
        Assert.True(key?.Length >= TeamKeyProvisioning.MinKeyLength, $"the key shown once is '{key}'");
        await browser.ScreenshotAsync(grace, "access-1-consumer-and-key.png");
        await grace.ReloadAsync();
        await Assertions.Expect(grace.GetByText(key!)).ToHaveCountAsync(0);

        await grace.GotoAsync("/products/hr.employees/request-access");
        await grace.GetByLabel("Consumer (your team's application)").SelectOptionAsync(Consumer);
        await grace.GetByLabel("Purpose").FillAsync("Monthly payroll cost per department");
        await grace.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Assertions.Expect(grace.GetByRole(AriaRole.Status).First).ToContainTextAsync("sent");
        var request = await Catalog.QueryAsync(db => db.AccessRequests.SingleAsync());

        var hedy = await SignInAsync(browser, Tests.People.OtherTeamMember);
        await hedy.GotoAsync("/approvals?team=people-platform");
        await Assertions.Expect(hedy.GetByRole(AriaRole.Alert)).ToContainTextAsync("Refused");
        await Assertions.Expect(hedy.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
        await browser.ScreenshotAsync(hedy, "access-2-other-team.png");
        // Her own session's valid antiforgery token, a request she may not decide: refused, and nothing changes.
        await hedy.GotoAsync(PersonPages.Password);
        var token = await hedy.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var forged = await hedy.Context.APIRequest.PostAsync("/approvals", new()
        {
            Form = hedy.Context.APIRequest.CreateFormData()
                .Set("__RequestVerificationToken", token!).Set("requestId", request.Id.ToString()).Set("team", "people-platform").Set("decision", "approve"),
        });
        Assert.Equal(403, forged.Status);
        Assert.Equal(AccessStatus.Pending, (await Catalog.QueryAsync(db => db.AccessRequests.SingleAsync())).Status);

        var ada = await SignInAsync(browser, Tests.People.Owner);
        await ada.GetByRole(AriaRole.Link, new() { Name = "Approval queue" }).ClickAsync();
        var pending = ada.GetByRole(AriaRole.Article).Filter(new() { HasText = Consumer });
        await Assertions.Expect(pending).ToContainTextAsync("Monthly payroll cost per department");
        await browser.ScreenshotAsync(ada, "access-3-owner-queue.png");
        await pending.GetByLabel("Note").FillAsync("For the monthly report only");
        await pending.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(ada.GetByRole(AriaRole.Status).First).ToContainTextAsync($"{Consumer}'s request for hr.employees is approved.");

        await ada.GotoAsync($"/requests/{request.Id}/audit");
        var trail = ada.GetByRole(AriaRole.Table, new() { Name = "What happened, oldest first" });
        await Assertions.Expect(trail).ToContainTextAsync($"{Tests.People.ConsumerTeamMember} (person)");
        await Assertions.Expect(trail).ToContainTextAsync($"{Tests.People.Owner} (person)");
        await browser.ScreenshotAsync(ada, "access-4-audit-trail.png");
        var approved = await Catalog.QueryAsync(db => db.AccessRequests.SingleAsync());
        Assert.Equal((AccessStatus.Approved, Tests.People.Owner, Tests.People.ConsumerTeamMember), (approved.Status, approved.DecidedBy, approved.RequestedBy));

        await ada.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await ada.GotoAsync("/approvals");
        Assert.Equal(PersonPages.SignIn, new Uri(ada.Url).AbsolutePath);
    }

    private static Task<IPage> SignInAsync(CatalogBrowser browser, string userName) => browser.SignInAsync(userName, Password);
}
