using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using DataMesh.Testing;
using Npgsql;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// The whole mesh in local mode, through the real AppHost and Aspire's orchestrator (see <see cref="LocalMeshLauncher"/>),
/// each domain team with a key of this run, its services exporting their traces to <see cref="Traces"/>. Started once for
/// all end-to-end tests.
/// </summary>
public class LocalMesh : IAsyncLifetime
{
    public const string Collection = "local mesh";

    /// <summary>The domains whose teams get a key, as the AppHost's <c>{domain}-team-key</c> parameters.</summary>
    public static readonly string[] Domains = ["finance", "hr", "marketing"];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);

    /// <summary>How often the domains run their scheduled quality rules in this mesh, instead of at the contracts' cron times.</summary>
    public static readonly TimeSpan QualityInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the domains read their SQL ports' grants without being told: far longer than any test waits, so a grant
    /// applied within a test's wait came by the catalog's <c>SqlGrantChanged</c> event.
    /// </summary>
    public static readonly TimeSpan SqlGrantsInterval = TimeSpan.FromHours(1);

    private readonly string[] _settings;
    private readonly string _dataDirectory = ServerReachableDirectory.Create("datamesh-e2e-");
    private readonly Dictionary<string, string> _teamKeys = Domains.ToDictionary(domain => domain, _ => LocalMeshLauncher.NewTeamKey());
    private DistributedApplication? _app;
    private OtlpTraceReceiver? _traces;

    public LocalMesh()
        : this([])
    {
    }

    /// <param name="settings">More AppHost settings, as command-line arguments.</param>
    protected LocalMesh(params string[] settings) => _settings = settings;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The mesh is not started.");

    /// <summary>Every span the mesh's services exported, where the dashboard would have them.</summary>
    public OtlpTraceReceiver Traces => _traces ?? throw new InvalidOperationException("The mesh is not started.");

    public async Task InitializeAsync()
    {
        _traces = await OtlpTraceReceiver.StartAsync();
        _app = await LocalMeshLauncher.StartAsync<Projects.DataMesh_AppHost>(
            _dataDirectory, _teamKeys, [.. _settings, .. Administrator.Settings(), _traces.AppHostArgument, QualityIntervalArgument, SqlGrantsIntervalArgument], StartTimeout);
    }

    private static string QualityIntervalArgument => $"--{DataMeshBuilder.QualityIntervalKey}={QualityInterval:c}";

    private static string SqlGrantsIntervalArgument => $"--{DataMeshBuilder.SqlGrantsIntervalKey}={SqlGrantsInterval:c}";

    /// <summary>The catalog's first platform administrator in this mesh.</summary>
    public MeshAdministrator Administrator { get; } = MeshAdministrator.New();

    /// <summary>A client of the catalog signed in as <see cref="Administrator"/>.</summary>
    public Task<HttpClient> SignedInAdministratorAsync() => Administrator.SignInAsync(App);

    /// <summary>The value of one of the AppHost's parameters in this run (a generated credential or token).</summary>
    public async Task<string> ParameterValueAsync(string name)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var parameter = model.Resources.OfType<ParameterResource>().Single(resource => resource.Name == name);
        return (await parameter.GetValueAsync(CancellationToken.None))!;
    }

    /// <summary>The key of <paramref name="domain"/>'s own team.</summary>
    public string TeamKey(string domain) => _teamKeys[domain];

    /// <summary>A client of the gateway, anonymous or with the key of <paramref name="domain"/>'s own team.</summary>
    public HttpClient Gateway(string? domain = null)
    {
        var client = App.CreateHttpClient("gateway");
        if (domain is not null)
        {
            client.DefaultRequestHeaders.Add(MeshHeaders.ApiKey, TeamKey(domain));
        }

        return client;
    }

    /// <summary>A client of the gateway with <paramref name="key"/>, as a consumer's application calls it.</summary>
    public HttpClient KeyedGateway(string key)
    {
        var client = Gateway();
        client.DefaultRequestHeaders.Add(MeshHeaders.ApiKey, key);
        return client;
    }

    /// <summary>One value read straight from a service's own database (<paramref name="database"/> is its connection name, <c>hr-db</c>).</summary>
    public async Task<T> ScalarAsync<T>(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(await App.GetConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_traces is not null)
        {
            await _traces.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }
}
