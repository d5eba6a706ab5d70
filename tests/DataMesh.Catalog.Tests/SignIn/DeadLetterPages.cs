using System.Text.Json.Nodes;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// What the dead-letter page's tests stand on: a catalog whose sidecar is a recording server, hr.employees and
/// finance.payroll registered (payroll's team <c>controlling</c> naming <see cref="ConsumerTeamMember"/>), accounts for
/// him and for hr.employees' owner, and two dead letters of finance.payroll, <c>refused-1</c> and <c>refused-2</c>.
/// </summary>
internal static class DeadLetterPages
{
    public const string Password = "a-long-test-password";

    /// <summary>A member of <c>controlling</c>, which owns finance.payroll, the consumer.</summary>
    public const string ConsumerTeamMember = "carl@example.com";

    public static readonly string Path = $"/products/{DeadLetters.Consumer}/dead-letters";

    public static async Task<(RecordingSidecar Sidecar, CatalogHost Catalog)> StartAsync(PostgresServerFixture postgres, bool onRealPort)
    {
        var sidecar = await RecordingSidecar.StartAsync();
        var catalog = await CatalogHost.StartAsync(postgres, onRealPort, settings: new Dictionary<string, string?> { ["DAPR_HTTP_ENDPOINT"] = sidecar.Endpoint });
        await catalog.RegisterAsync(Definitions.Hr());
        await catalog.RegisterAsync(Definitions.Finance().Edit(
            "finance/payroll.odps.yaml", "  name: controlling\n", $"  name: controlling\n  members:\n    - username: {ConsumerTeamMember}\n      role: member\n"));
        await catalog.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            foreach (var person in (string[])[ConsumerTeamMember, Tests.People.Owner])
            {
                Assert.True((await users.CreateAsync(new IdentityUser(person), Password)).Succeeded);
            }

            return true;
        });
        await DeadLetters.DeliverAsync(catalog, DeadLetters.Hired("refused-1"));
        await DeadLetters.DeliverAsync(catalog, DeadLetters.Hired("refused-2"));
        return (sidecar, catalog);
    }

    /// <summary>The ids of the events the catalog sent, all to the consumer's replay topic, in order.</summary>
    public static string[] ReplayedEventIds(RecordingSidecar sidecar) =>
    [
        .. sidecar.Requests.Select(request =>
        {
            Assert.Equal((DataProductsOptions.MeshPubSubName, DeadLetters.ReplayTopic), (request.PubSub, request.Topic));
            return JsonNode.Parse(request.Body)!["id"]!.GetValue<string>();
        }),
    ];

    public static Task<string?> ReplayedByAsync(CatalogHost catalog, string eventId) =>
        catalog.QueryAsync(db => db.DeadLetters.Where(d => d.EventId == eventId).Select(d => d.ReplayedBy).SingleAsync());
}
