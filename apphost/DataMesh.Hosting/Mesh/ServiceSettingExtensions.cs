using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>
/// A service's settings, named by their configuration keys (<c>Catalog:Administrator:UserName</c>) and passed as the
/// environment variables .NET reads them from (<c>Catalog__Administrator__UserName</c>).
/// </summary>
public static class ServiceSettingExtensions
{
    public static string EnvironmentVariable(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> service, string configurationKey, string value)
        where T : IResourceWithEnvironment =>
        service.WithEnvironment(EnvironmentVariable(configurationKey), value);

    /// <summary>A setting whose value is a parameter's (a secret one stays a reference in what is published).</summary>
    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> service, string configurationKey, IResourceBuilder<ParameterResource> value)
        where T : IResourceWithEnvironment =>
        service.WithEnvironment(EnvironmentVariable(configurationKey), value);
}
