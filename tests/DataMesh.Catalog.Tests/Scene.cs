using DataMesh.Catalog.Access;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// What one cell of a permission matrix acts on, fresh for each cell: a consumer of <see cref="People.ConsumerTeam"/>
/// with a key, a sibling consumer of the same team, a pending request for hr.employees (asked by the consumer's key),
/// a grant (approved by the owner) and a member of the consumer team.
/// </summary>
internal sealed record Scene(int Number, string Consumer, string Sibling, Guid KeyId, string Key, Guid PendingId, Guid GrantId, string Member)
{
    public const string Product = "hr.employees";

    public static async Task<Scene> SetUpAsync(CatalogHost catalog, int number)
    {
        var (consumer, sibling, member) = ($"app-{number}", $"sibling-{number}", $"member-{number}@example.com");
        var own = new ConsumerCaller(consumer, People.ConsumerTeam);
        var owner = await catalog.PersonAsync(People.Owner);
        var admin = People.Administrator;
        var none = CancellationToken.None;
        return await catalog.WithServicesAsync(async services =>
        {
            var desk = services.GetRequiredService<AccessDesk>();
            await desk.RegisterConsumerAsync(consumer, People.ConsumerTeam, null, null, admin, none);
            await desk.RegisterConsumerAsync(sibling, People.ConsumerTeam, null, null, admin, none);
            var key = await desk.IssueKeyAsync(consumer, admin, none);
            var pending = await desk.RequestAsync(Product, consumer, "Headcount per team", false, own, none);
            var grant = await desk.RequestAsync(Product, consumer, "Payroll checks", true, own, none);
            await desk.DecideAsync(grant.Id, approve: true, "fine", owner, none);
            await services.GetRequiredService<TeamDirectory>().AddMemberAsync(People.ConsumerTeam, member, TeamRole.Member, admin, none);
            return new Scene(number, consumer, sibling, key.Id, key.Key, pending.Id, grant.Id, member);
        });
    }

    /// <summary>Issues the consumer's PostgreSQL login, as an administrator, for the operations on it.</summary>
    public Task IssueSqlLoginAsync(CatalogHost catalog) =>
        catalog.WithServicesAsync(services => services.GetRequiredService<DataMesh.Catalog.Sql.SqlLogins>().CreateAsync(Consumer, People.Administrator, CancellationToken.None));
}
