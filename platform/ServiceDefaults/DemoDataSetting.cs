using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Whether a domain writes its demo data into an empty database. Off unless the environment is Development or the
/// setting turns it on: a production database never gets invented employees. The AppHost sets it for every domain
/// (on for local runs, off in what it publishes).
/// </summary>
public static class DemoDataSetting
{
    public const string Key = "DemoData:Enabled";

    /// <summary>The same setting as an environment variable.</summary>
    public const string EnvironmentVariable = "DemoData__Enabled";

    /// <summary>The setting when given, else whether the environment is Development.</summary>
    public static bool IsOn(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue(Key, environment.IsDevelopment());
}
