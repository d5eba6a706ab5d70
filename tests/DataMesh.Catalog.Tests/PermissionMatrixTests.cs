using DataMesh.Catalog.Access;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// Every operation of the catalog's API that changes something or shows what only some may see, called by every kind of
/// caller that reaches the catalog over HTTP, each answered with the status the matrix says (README's table).
/// </summary>
public sealed class PermissionMatrixTests(MatrixCatalog matrix) : IClassFixture<MatrixCatalog>
{
    /// <summary>The columns: who calls.</summary>
    private static readonly string[] Callers =
    [
        "anonymous",      // no credential, no headers
        "forged-headers", // X-DataMesh-Consumer/Team of the owner team's key, without the gateway's credential
        "own-key",        // the scene consumer's key, through the gateway
        "sibling-key",    // the key of another consumer of the same team
        "owner-team-key", // a key of the product's owner team (people-platform)
        "other-team-key", // a key of an unrelated team
        "own-domain",     // hr's service credential (hr.employees is hr's)
        "other-domain",   // finance's service credential
        "gateway-alone",  // the gateway's credential without consumer headers: the gateway itself, or an anonymous visitor it forwards
        "sidecar",        // the catalog's Dapr sidecar (its app API token)
    ];

    private static readonly Dictionary<string, string> Expected = new()
    {
        //                              anon forg own  sib  ownr othr ownD othD gate side
        ["register"] =                    "401 401 403 403 403 403 200 403 403 401",
        ["register-consumer"] =           "401 401 201 201 403 403 403 403 401 401",
        ["register-consumer-with-rate"] = "401 401 403 403 403 403 403 403 401 401",
        ["set-rate"] =                    "401 401 403 403 403 403 403 403 401 401",
        ["team-consumers"] =              "401 401 200 200 403 403 403 403 401 401",
        ["issue-key"] =                   "401 401 201 403 403 403 403 403 401 401",
        ["list-keys"] =                   "401 401 200 403 403 403 403 403 401 401",
        ["rotate-key"] =                  "401 401 200 403 403 403 403 403 401 401",
        ["revoke-key"] =                  "401 401 204 403 403 403 403 403 401 401",
        ["request-access"] =              "401 401 201 403 403 403 403 403 401 401",
        ["consumer-access"] =             "401 401 200 403 403 403 403 403 401 401",
        ["approve"] =                     "401 401 403 403 200 403 403 403 401 401",
        ["deny"] =                        "401 401 403 403 200 403 403 403 401 401",
        ["revoke-access"] =               "401 401 200 403 200 403 403 403 401 401",
        ["approval-queue"] =              "401 401 403 403 200 403 403 403 401 401",
        ["access-audit"] =                "401 401 403 403 200 403 403 403 401 401",
        ["create-team"] =                 "401 401 403 403 403 403 403 403 401 401",
        ["add-team-member"] =             "401 401 403 403 403 403 403 403 401 401",
        ["remove-team-member"] =          "401 401 403 403 403 403 403 403 401 401",
        ["lookup-key"] =                  "401 401 403 403 403 403 403 403 200 401",
        ["edge-policy"] =                 "401 401 403 403 403 403 403 403 200 401",
        ["report-quality"] =              "401 401 403 403 403 403 204 403 403 401",
        ["sql-login"] =                   "401 401 200 403 403 403 403 403 401 401",
        ["create-sql-login"] =            "401 401 201 403 403 403 403 403 401 401",
        ["rotate-sql-login"] =            "401 401 200 403 403 403 403 403 401 401",
        ["revoke-sql-login"] =            "401 401 204 403 403 403 403 403 401 401",
        ["sql-grants"] =                  "401 401 403 403 403 403 200 403 401 401",
    };

    public static TheoryData<string, string, string> Cells() => PermissionTable.Cells(Expected, Callers);

    [Fact]
    public void The_matrix_covers_every_operation_and_every_caller() => PermissionTable.AssertCovers(CatalogOperation.All.Select(o => o.Name), Expected, Callers);

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_caller_gets_the_status_the_matrix_says(string operation, string caller, string status)
    {
        var expected = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
        var scene = await matrix.NewSceneAsync();
        if (CatalogOperation.Named(operation).NeedsSqlLogin)
        {
            await scene.IssueSqlLoginAsync(matrix.Catalog);
        }

        using var http = Client(caller, scene);

        using var response = await http.SendAsync(CatalogOperation.Named(operation).Request(scene));

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == (int)response.StatusCode, $"{operation} by {caller}: expected {expected}, got {(int)response.StatusCode} {body}");
        if (expected is 401 or 403)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private HttpClient Client(string caller, Scene scene)
    {
        var catalog = matrix.Catalog;
        return caller switch
        {
            "anonymous" => catalog.CreateClient(),
            "forged-headers" => catalog.ClientWith((MeshHeaders.Consumer, "hr-team"), (MeshHeaders.Team, People.OwnerTeam)),
            "own-key" => catalog.ConsumerClient(scene.Consumer, People.ConsumerTeam),
            "sibling-key" => catalog.ConsumerClient(scene.Sibling, People.ConsumerTeam),
            "owner-team-key" => catalog.ConsumerClient("hr-team", People.OwnerTeam),
            "other-team-key" => catalog.ConsumerClient("outsider-app", People.OtherTeam),
            "own-domain" => catalog.ServiceClient("hr"),
            "other-domain" => catalog.ServiceClient("finance"),
            "gateway-alone" => catalog.ServiceClient(ServiceCredentials.Gateway),
            "sidecar" => catalog.SidecarClient(),
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "not a column of the matrix"),
        };
    }
}
