using System.Net;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace DataMesh.Testing;

/// <summary>
/// The catalog's first platform administrator of a test or benchmark run, set as the AppHost's
/// <see cref="CatalogSignInExtensions.AdministratorUserNameParameter"/> and <see cref="CatalogSignInExtensions.AdministratorPasswordParameter"/> parameters.
/// </summary>
public sealed partial record MeshAdministrator(string UserName, string Password)
{
    /// <summary>A new administrator for one run: its password is never reused.</summary>
    public static MeshAdministrator New() => new("mesh-admin@datamesh.example", $"run-{Guid.NewGuid():N}");

    /// <summary>The AppHost settings that make this person the catalog's first administrator.</summary>
    public IEnumerable<string> Settings() =>
        [$"--Parameters:{CatalogSignInExtensions.AdministratorUserNameParameter}={UserName}", $"--Parameters:{CatalogSignInExtensions.AdministratorPasswordParameter}={Password}"];

    /// <summary>
    /// Signs in on the catalog's own sign-in page, as a browser does (the form's antiforgery token, then the session
    /// cookie), and returns a client of the catalog that carries the session. The catalog is not behind the gateway here:
    /// the gateway takes API keys, not sessions, for the catalog API's writes.
    /// </summary>
    public async Task<HttpClient> SignInAsync(DistributedApplication app)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = app.GetEndpoint("catalog", "http"),
        };
        var form = await client.GetStringAsync(SignInPath);
        var token = AntiforgeryToken().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value)
            : throw new InvalidOperationException($"The catalog's {SignInPath} page has no antiforgery token.");
        using var answer = await client.PostAsync(SignInPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = UserName,
            ["password"] = Password,
            ["__RequestVerificationToken"] = token,
        }));
        return answer.StatusCode == HttpStatusCode.Redirect
            ? client
            : throw new InvalidOperationException($"{UserName} could not sign in to the catalog: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
    }

    /// <summary>The catalog's sign-in page (<c>PersonPages.SignIn</c>).</summary>
    public const string SignInPath = "/sign-in";

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryToken();
}
