using System.Security.Cryptography;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.People;
using DataMesh.Catalog.Registry;
using DataMesh.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The catalog service as it runs, on its own fresh database of a real PostgreSQL server, with the mesh's credentials
/// (fresh random ones per host) for the gateway and the sample domains, its sidecar's app API token and its first
/// administrator (<see cref="AdministratorUserName"/>); <c>settings</c> add to or override its configuration, and
/// <c>configure</c>, when given, adds to the host (a test's observer of requests, never a replacement of the catalog's parts).
/// </summary>
public sealed class CatalogHost(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null)
    : WebApplicationFactory<Program>
{
    public const string AdministratorUserName = "admin@datamesh.example";

    /// <summary>Only ever a test's: the AppHost generates the real one as a secret parameter.</summary>
    public const string AdministratorPassword = "test-administrator-password";

    /// <summary>The services the host knows credentials of.</summary>
    public static readonly string[] KnownServices = [ServiceCredentials.Gateway, "hr", "finance", "marketing"];

    private readonly Dictionary<string, string> _credentials = KnownServices.ToDictionary(s => s, _ => Secret());

    /// <summary>The token the catalog's Dapr sidecar sends (APP_API_TOKEN).</summary>
    public string AppApiToken { get; } = Secret();

    public string CredentialOf(string service) => _credentials[service];

    /// <summary>A client calling as a mesh service, with its credential.</summary>
    public HttpClient ServiceClient(string service) => ClientWith((MeshHeaders.ServiceCredential, CredentialOf(service)));

    /// <summary>A client calling as the gateway forwarding a request made with a key of <paramref name="consumerId"/>.</summary>
    public HttpClient ConsumerClient(string consumerId, string team) =>
        ClientWith((MeshHeaders.ServiceCredential, CredentialOf(ServiceCredentials.Gateway)), (MeshHeaders.Consumer, consumerId), (MeshHeaders.Team, team));

    /// <summary>A client calling as the catalog's Dapr sidecar.</summary>
    public HttpClient SidecarClient() => ClientWith((MeshHeaders.DaprApiToken, AppApiToken));

    public HttpClient ClientWith(params (string Name, string Value)[] headers)
    {
        var http = CreateClient();
        foreach (var (name, value) in headers)
        {
            http.DefaultRequestHeaders.Add(name, value);
        }

        return http;
    }

    /// <summary>Runs <paramref name="work"/> with the catalog's services in a scope of their own, as one request would.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task AtDeskAsync(Func<AccessDesk, Task> work) => AtDeskAsync(async desk =>
    {
        await work(desk);
        return true;
    });

    /// <summary>What <paramref name="work"/> does with the access desk.</summary>
    public Task<T> AtDeskAsync<T>(Func<AccessDesk, Task<T>> work) => WithServicesAsync(services => work(services.GetRequiredService<AccessDesk>()));

    /// <summary>A signed-in person as the catalog resolves them, with the teams the registry and the catalog say they belong to.</summary>
    public Task<PersonCaller> PersonAsync(string userName, bool administrator = false) =>
        WithServicesAsync(services => services.GetRequiredService<TeamDirectory>().PersonAsync(userName, administrator, CancellationToken.None));

    public static async Task<CatalogHost> StartAsync(
        PostgresServerFixture postgres, bool onRealPort = false, IReadOnlyDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        var host = new CatalogHost(await postgres.CreateDatabaseAsync("catalog"), settings, configure);
        if (onRealPort)
        {
            // A browser needs a socket: Kestrel on a free port instead of the in-memory test server.
            host.UseKestrel(0);
        }

        try
        {
            host.StartServer();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Where Kestrel listens, when started on a real port.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>A scope for reading the catalog's database directly.</summary>
    public async Task<T> QueryAsync<T>(Func<CatalogDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CatalogDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:catalog-db", connectionString);
        builder.UseSetting(MeshCredentials.AppApiTokenVariable, AppApiToken);
        foreach (var (service, credential) in _credentials)
        {
            builder.UseSetting($"{ServiceCredentials.Section}:{service}", credential);
        }

        builder.UseSetting(AdministratorSettings.UserNameKey, AdministratorUserName);
        builder.UseSetting(AdministratorSettings.PasswordKey, AdministratorPassword);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        configure?.Invoke(builder);
    }

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}
