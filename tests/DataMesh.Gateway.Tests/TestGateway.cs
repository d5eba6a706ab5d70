using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace DataMesh.Gateway.Tests;

/// <summary>
/// The gateway, as its Program wires it, with the given settings, on a free loopback port: the client reaches it over
/// real TCP, so the connection has a real remote address.
/// </summary>
internal sealed class TestGateway : WebApplicationFactory<Program>
{
    private readonly IReadOnlyList<(string Key, string Value)> _settings;

    private TestGateway(IEnumerable<(string Key, string Value)> settings) => _settings = [.. settings];

    public static TestGateway Start(IEnumerable<(string Key, string Value)> settings)
    {
        var gateway = new TestGateway(settings);
        gateway.UseKestrel(0);
        return gateway;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
