using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.Tests;

/// <summary>What every service's framework logs say by default (ServiceDefaults, which the data products library brings).</summary>
public sealed class ServiceDefaultsLoggingTests
{
    [Fact]
    public void Sql_commands_requests_and_outgoing_calls_log_warnings_only_unless_a_setting_turns_them_up()
    {
        var builder = Host.CreateApplicationBuilder();

        // Added before the defaults, as appsettings.json and the environment are.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:System.Net.Http.HttpClient", "Information")]);
        builder.AddServiceDefaults();
        using var host = builder.Build();
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.EntityFrameworkCore.Database.Command").IsEnabled(LogLevel.Warning));
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("System.Net.Http.HttpClient.catalog.LogicalHandler").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Hr.Commands.Workforce").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.Hosting.Lifetime").IsEnabled(LogLevel.Information));
    }
}
