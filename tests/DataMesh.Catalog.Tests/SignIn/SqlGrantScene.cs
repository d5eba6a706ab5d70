using DataMesh.Catalog.Access;
using DataMesh.Catalog.Tests.Sql;
using DataMesh.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// What the SQL pages' browser tests start from: a catalog on a real port that makes PostgreSQL logins, HR's product with its
/// SQL port, the kept teams, accounts for <paramref name="people"/>, and a consumer of <see cref="Tests.People.ConsumerTeam"/>
/// granted hr.employees by its owner.
/// </summary>
internal static class SqlGrantScene
{
    public const string Password = "a-long-test-password";

    public static async Task<CatalogHost> StartAsync(PostgresServerFixture postgres, string consumer, params string[] people)
    {
        var catalog = await CatalogHost.StartAsync(postgres, onRealPort: true, settings: await SqlProvisioning.SettingsAsync(postgres));
        await catalog.RegisterAsync(SqlPortDefinitions.Hr());
        await Tests.People.CreateTeamsAsync(catalog);
        var owner = await catalog.PersonAsync(Tests.People.Owner);
        await catalog.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            foreach (var person in people)
            {
                Assert.True((await users.CreateAsync(new IdentityUser(person), Password)).Succeeded);
            }

            var desk = services.GetRequiredService<AccessDesk>();
            await desk.RegisterConsumerAsync(consumer, Tests.People.ConsumerTeam, null, null, Tests.People.Administrator, CancellationToken.None);
            var request = await desk.RequestAsync("hr.employees", consumer, "Headcount by department", false, Tests.People.Administrator, CancellationToken.None);
            return await desk.DecideAsync(request.Id, approve: true, null, owner, CancellationToken.None);
        });
        return catalog;
    }
}
