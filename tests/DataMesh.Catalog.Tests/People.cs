using DataMesh.Catalog.Access;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The people of the tests. Ada owns and Alan is a data steward of <c>people-platform</c> (hr.employees' descriptor
/// names them); Grace belongs to the kept team <see cref="ConsumerTeam"/>, Hedy to <see cref="OtherTeam"/>.
/// </summary>
internal static class People
{
    public const string Owner = "ada@example.com";
    public const string OwnerTeamMember = "alan@example.com";
    public const string ConsumerTeamMember = "grace@example.com";
    public const string OtherTeamMember = "hedy@example.com";

    /// <summary>A team that owns no product, kept by the catalog.</summary>
    public const string ConsumerTeam = "analysts";

    public const string OtherTeam = "outsiders";

    public const string OwnerTeam = "people-platform";

    /// <summary>A platform administrator (the role comes from the sign-in, not from a team).</summary>
    public static readonly PersonCaller Administrator = new("root@example.com", Administrator: true, []);

    /// <summary>Creates the kept teams and their members, as an administrator would.</summary>
    public static async Task CreateTeamsAsync(CatalogHost catalog)
    {
        await catalog.WithServicesAsync(async services =>
        {
            var teams = services.GetRequiredService<TeamDirectory>();
            await teams.CreateTeamAsync(ConsumerTeam, "Reads data to analyse it.", Administrator, CancellationToken.None);
            await teams.AddMemberAsync(ConsumerTeam, ConsumerTeamMember, TeamRole.Member, Administrator, CancellationToken.None);
            await teams.CreateTeamAsync(OtherTeam, null, Administrator, CancellationToken.None);
            return await teams.AddMemberAsync(OtherTeam, OtherTeamMember, TeamRole.Owner, Administrator, CancellationToken.None);
        });
    }
}
