using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The permission matrix for signed-in people, on the catalog's services with the person as the catalog resolves them
/// (teams from the registered descriptors and the kept teams, in the real database): every operation a person can
/// reach (everything but the mesh's internal endpoints) × each kind of person. Sign-in itself is the people part's.
/// </summary>
public sealed class PersonPermissionTests(MatrixCatalog matrix) : IClassFixture<MatrixCatalog>
{
    private static readonly string[] Callers = ["anonymous", "consumer-team-member", "owner", "owner-team-member", "other-team-member", "administrator"];

    private static readonly Dictionary<string, string> Expected = new()
    {
        //                              anon cons owner oMem other admin
        ["register-consumer"] =           "401 ok  403 403 403 ok",
        ["register-consumer-with-rate"] = "401 403 403 403 403 ok",
        ["set-rate"] =                    "401 403 403 403 403 ok",
        ["team-consumers"] =              "401 ok  403 403 403 ok",
        ["issue-key"] =                   "401 ok  403 403 403 ok",
        ["list-keys"] =                   "401 ok  403 403 403 ok",
        ["rotate-key"] =                  "401 ok  403 403 403 ok",
        ["revoke-key"] =                  "401 ok  403 403 403 ok",
        ["request-access"] =              "401 ok  403 403 403 ok",
        ["consumer-access"] =             "401 ok  403 403 403 ok",
        ["approve"] =                     "401 403 ok  403 403 ok",
        ["deny"] =                        "401 403 ok  403 403 ok",
        ["revoke-access"] =               "401 ok  ok  403 403 ok",
        ["approval-queue"] =              "401 403 ok  ok  403 ok",
        ["access-audit"] =                "401 403 ok  ok  403 ok",
        ["create-team"] =                 "401 403 403 403 403 ok",
        ["add-team-member"] =             "401 ok  403 403 403 ok",
        ["remove-team-member"] =          "401 ok  403 403 403 ok",
        ["sql-login"] =                   "401 ok  403 403 403 ok",
        ["create-sql-login"] =            "401 ok  403 403 403 ok",
        ["rotate-sql-login"] =            "401 ok  403 403 403 ok",
        ["revoke-sql-login"] =            "401 ok  403 403 403 ok",
        ["sql-grants"] =                  "401 403 403 403 403 ok",
    };

    public static TheoryData<string, string, string> Cells() => PermissionTable.Cells(Expected, Callers);

    [Fact]
    public void The_matrix_covers_every_operation_a_person_reaches() =>
        PermissionTable.AssertCovers(CatalogOperation.All.Where(o => o.AtDesk is not null).Select(o => o.Name), Expected, Callers);

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_person_may_do_what_the_matrix_says(string operation, string caller, string expected)
    {
        var scene = await matrix.NewSceneAsync();
        if (CatalogOperation.Named(operation).NeedsSqlLogin)
        {
            await scene.IssueSqlLoginAsync(matrix.Catalog);
        }

        var person = await PersonAsync(caller);

        string outcome;
        try
        {
            await matrix.Catalog.WithServicesAsync(async services =>
            {
                await CatalogOperation.Named(operation).AtDesk!(services, scene, person);
                return true;
            });
            outcome = "ok";
        }
        catch (CatalogRefusal refusal)
        {
            outcome = refusal.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.True(expected == outcome, $"{operation} by {caller}: expected {expected}, got {outcome}");
    }

    private async Task<CatalogCaller> PersonAsync(string caller) => caller switch
    {
        "anonymous" => CatalogCaller.Anonymous,
        "consumer-team-member" => await matrix.Catalog.PersonAsync(People.ConsumerTeamMember),
        "owner" => await matrix.Catalog.PersonAsync(People.Owner),
        "owner-team-member" => await matrix.Catalog.PersonAsync(People.OwnerTeamMember),
        "other-team-member" => await matrix.Catalog.PersonAsync(People.OtherTeamMember),
        "administrator" => People.Administrator,
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "not a column of the matrix"),
    };
}
