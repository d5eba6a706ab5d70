using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.People;
using DataMesh.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// Who the catalog believes calls, and the teams people belong to: from the registered descriptors' <c>team.members</c>
/// and from the teams the catalog keeps; and the rule that nobody decides on their own request.
/// </summary>
public sealed class CallerTests(PostgresServerFixture postgres) : CatalogTest(postgres)
{
    protected override async Task SeedAsync()
    {
        await Catalog.RegisterAsync(Definitions.Hr());
        await People.CreateTeamsAsync(Catalog);
        await Catalog.AtDeskAsync(desk => desk.RegisterConsumerAsync("reports", People.ConsumerTeam, null, null, People.Administrator, CancellationToken.None));
    }

    [Fact]
    public async Task A_signed_in_person_belongs_to_the_teams_the_descriptors_and_the_catalog_name()
    {
        var ada = (PersonCaller)await ResolveAsync(Person("Ada@Example.com"));
        var alan = (PersonCaller)await ResolveAsync(Person(People.OwnerTeamMember));
        var grace = (PersonCaller)await ResolveAsync(Person(People.ConsumerTeamMember, PersonClaims.AdministratorRole));

        Assert.Equal([new TeamMembership(People.OwnerTeam, TeamRole.Owner)], ada.Teams);
        Assert.Equal("Ada@Example.com", ada.Name);
        Assert.False(ada.IsAdministrator);
        Assert.Equal([new TeamMembership(People.OwnerTeam, TeamRole.Member)], alan.Teams);
        Assert.Equal([new TeamMembership(People.ConsumerTeam, TeamRole.Member)], grace.Teams);
        Assert.True(grace.IsAdministrator);
    }

    [Fact]
    public async Task Consumer_headers_are_believed_beside_the_gateways_credential_only()
    {
        (string, string)[] consumer = [(MeshHeaders.Consumer, "reports"), (MeshHeaders.Team, People.ConsumerTeam)];

        Assert.Equal(new ConsumerCaller("reports", People.ConsumerTeam), await ResolveAsync(headers: [.. consumer, (MeshHeaders.ServiceCredential, Catalog.CredentialOf(ServiceCredentials.Gateway))]));
        Assert.Equal(new ServiceCaller("hr"), await ResolveAsync(headers: [.. consumer, (MeshHeaders.ServiceCredential, Catalog.CredentialOf("hr"))]));
        Assert.Equal(CatalogCaller.Anonymous, await ResolveAsync(headers: consumer));
        Assert.Equal(CatalogCaller.Anonymous, await ResolveAsync(headers: [(MeshHeaders.ServiceCredential, Catalog.CredentialOf(ServiceCredentials.Gateway))]));
        Assert.Equal(CatalogCaller.Anonymous, await ResolveAsync(headers: [.. consumer, (MeshHeaders.ServiceCredential, Catalog.CredentialOf(ServiceCredentials.Gateway) + "x")]));
    }

    [Fact]
    public async Task Nobody_decides_on_a_request_they_made_administrators_included()
    {
        await Catalog.WithServicesAsync(services => services.GetRequiredService<TeamDirectory>()
            .AddMemberAsync(People.ConsumerTeam, People.Owner, TeamRole.Member, People.Administrator, CancellationToken.None));
        var ada = await Catalog.PersonAsync(People.Owner);
        var byOwner = await Catalog.AtDeskAsync(desk => desk.RequestAsync("hr.employees", "reports", "Own team's analysis", true, ada, CancellationToken.None));
        var byAdministrator = await Catalog.AtDeskAsync(desk => desk.RequestAsync("hr.employees", "reports", "Audit", true, People.Administrator, CancellationToken.None));

        var ownerRefused = await Assert.ThrowsAsync<CatalogRefusal>(() => Catalog.AtDeskAsync(desk => desk.DecideAsync(byOwner.Id, true, null, ada, CancellationToken.None)));
        var administratorRefused = await Assert.ThrowsAsync<CatalogRefusal>(() => Catalog.AtDeskAsync(desk => desk.DecideAsync(byAdministrator.Id, true, null, People.Administrator, CancellationToken.None)));
        var crossed = await Catalog.AtDeskAsync(desk => desk.DecideAsync(byOwner.Id, true, null, People.Administrator, CancellationToken.None));

        Assert.Equal((403, "requestId"), (ownerRefused.StatusCode, ownerRefused.Field));
        Assert.Equal((403, "requestId"), (administratorRefused.StatusCode, administratorRefused.Field));
        Assert.Equal((AccessStatus.Approved, "root@example.com"), (crossed.Status, crossed.DecidedBy));
        var trail = await Catalog.AtDeskAsync(desk => desk.AuditTrailAsync(byOwner.Id, ada, CancellationToken.None));
        Assert.Equal([("requested", People.Owner, CallerKind.Person), ("approved", "root@example.com", CallerKind.Person)], trail.Select(a => (a.Action, a.Actor, a.ActorKind)));
    }

    [Fact]
    public async Task A_newer_descriptor_replaces_the_owner_teams_members()
    {
        await Catalog.RegisterAsync(Definitions.Hr()
            .Edit("hr/employees.odps.yaml", "version: 1.0.0\nstatus", "version: 1.1.0\nstatus")
            .Edit("hr/employees.odps.yaml", "username: ada@example.com", "username: katherine@example.com"));

        Assert.Empty((await Catalog.PersonAsync(People.Owner)).Teams);
        Assert.Equal([new TeamMembership(People.OwnerTeam, TeamRole.Owner)], (await Catalog.PersonAsync("katherine@example.com")).Teams);
    }

    [Fact]
    public async Task Owner_teams_and_kept_teams_do_not_mix()
    {
        var teams = (Func<TeamDirectory, Task> work) => Catalog.WithServicesAsync(async services =>
        {
            await work(services.GetRequiredService<TeamDirectory>());
            return true;
        });

        var created = await Assert.ThrowsAsync<CatalogRefusal>(() => teams(t => t.CreateTeamAsync(People.OwnerTeam, null, People.Administrator, CancellationToken.None)));
        var joined = await Assert.ThrowsAsync<CatalogRefusal>(() => teams(t => t.AddMemberAsync(People.OwnerTeam, "mallory@example.com", TeamRole.Owner, People.Administrator, CancellationToken.None)));
        var claimed = await Catalog.ServiceClient("finance").PostAsJsonAsync($"{CatalogApi.Prefix}/registrations",
            Definitions.Finance().Edit("finance/payroll.odps.yaml", "name: controlling", $"name: {People.ConsumerTeam}"));

        Assert.Equal((409, "name"), (created.StatusCode, created.Field));
        Assert.Equal((409, "team"), (joined.StatusCode, joined.Field));
        Assert.Equal(HttpStatusCode.Conflict, claimed.StatusCode);
        Assert.Contains((await claimed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == "team");
    }

    [Theory]
    [InlineData("too-short")]
    [InlineData("")]
    public void A_short_service_credential_stops_the_catalog_naming_the_setting(string credential)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create($"{ServiceCredentials.Section}:hr", (string?)credential)]).Build();

        var refusal = Assert.Throws<InvalidOperationException>(() => new ServiceCredentials(configuration).Validate());

        Assert.StartsWith($"{ServiceCredentials.Section}:hr:", refusal.Message, StringComparison.Ordinal);
    }

    private static ClaimsPrincipal Person(string userName, string? role = null) =>
        new(new ClaimsIdentity(role is null ? [new Claim(PersonClaims.UserName, userName)] : [new Claim(PersonClaims.UserName, userName), new Claim(PersonClaims.Role, role)], "sign-in"));

    private Task<CatalogCaller> ResolveAsync(ClaimsPrincipal? user = null, params (string Name, string Value)[] headers) =>
        Catalog.WithServicesAsync(async services =>
        {
            var http = new DefaultHttpContext { RequestServices = services };
            if (user is not null)
            {
                http.User = user;
            }

            foreach (var (name, value) in headers)
            {
                http.Request.Headers[name] = new StringValues(value);
            }

            return await services.GetRequiredService<CatalogCallerResolver>().ResolveAsync(http, CancellationToken.None);
        });
}
