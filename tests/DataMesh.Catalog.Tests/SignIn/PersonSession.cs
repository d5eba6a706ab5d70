using System.Net;
using System.Text.RegularExpressions;
using DataMesh.Catalog.People;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace DataMesh.Catalog.Tests.SignIn;

/// <summary>
/// One person's browser session with the catalog's pages over HTTP: its own cookies, no redirects followed (tests
/// assert where they lead), and every form posted with the antiforgery token the page itself rendered.
/// </summary>
public sealed partial class PersonSession : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;

    public PersonSession(CatalogHost catalog) => _http = catalog.CreateDefaultClient(new CookieContainerHandler(_cookies));

    /// <summary>The session's cookies as a browser would send them, to replay later.</summary>
    public string CookieHeader => _cookies.GetCookieHeader(_http.BaseAddress!);

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    /// <summary>Any request with the session's cookies, as a script in the person's browser could send it.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>Reads the form's token from <paramref name="formPage"/>, then posts the fields to <paramref name="path"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string path, params (string Name, string Value)[] fields)
    {
        var page = await _http.GetStringAsync(formPage);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"{formPage} renders no antiforgery token");
        return await PostWithoutTokenAsync(path, [.. fields, ("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]);
    }

    public Task<HttpResponseMessage> PostWithoutTokenAsync(string path, params (string Name, string Value)[] fields) =>
        _http.PostAsync(path, new FormUrlEncodedContent(fields.Select(field => KeyValuePair.Create(field.Name, field.Value))));

    public Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        PostFormAsync(PersonPages.SignIn, PersonPages.SignIn, ("userName", userName), ("password", password));

    public async Task SignInAsAdministratorAsync() =>
        AssertSignedIn(await SignInAsync(CatalogHost.AdministratorUserName, CatalogHost.AdministratorPassword));

    public Task<HttpResponseMessage> SignOutAsync() => PostFormAsync(PersonPages.SignOut, PersonPages.SignOut);

    /// <summary>An administrator's session creates a catalog account.</summary>
    public async Task CreateAccountAsync(string userName, string password, bool administrator = false)
    {
        var created = await PostFormAsync(PersonPages.Accounts, $"{PersonPages.Accounts}?handler=Create",
            ("userName", userName), ("password", password), ("administrator", administrator ? "true" : "false"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains($"{userName} may sign in now", await created.Content.ReadAsStringAsync());
    }

    public static void AssertSignedIn(HttpResponseMessage signIn)
    {
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
