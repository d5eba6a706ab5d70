using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.AppHost.Tests;

/// <summary>Builds the real AppHost's model without starting anything, in the mode the arguments say.</summary>
internal static class AppHostModel
{
    public static async Task<BuiltAppHost> BuildAsync(params string[] arguments)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.DataMesh_AppHost>(arguments);
        var app = await builder.BuildAsync();
        return new BuiltAppHost(app, app.Services.GetRequiredService<DistributedApplicationModel>());
    }

    public static T Single<T>(this DistributedApplicationModel model, string name) where T : IResource =>
        Assert.IsType<T>(model.Resources.Single(resource => resource.Name == name), exactMatch: false);

    public static IReadOnlyList<string> WaitsOf(this IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name).Distinct().Order().ToList();

    public static IReadOnlyList<string> ReferencesOf(this IResource resource) =>
        resource.Annotations.OfType<ResourceRelationshipAnnotation>()
            .Where(relationship => relationship.Type == "Reference")
            .Select(relationship => relationship.Resource.Name).Distinct().Order().ToList();

    /// <summary>The environment a resource would be started with, as its callbacks write it (values unresolved: parameters stay parameters).</summary>
    public static async Task<IReadOnlyDictionary<string, object>> EnvironmentOf(this IResource resource)
    {
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables;
    }

    /// <summary>
    /// The variables of a resource's environment that would give it the PostgreSQL superuser: its password parameter
    /// anywhere in the value (connection strings followed through), or its name as the user.
    /// </summary>
    public static async Task<IReadOnlyList<string>> PostgresSuperuserIn(this IResource resource, ParameterResource superuserPassword)
    {
        var environment = await resource.EnvironmentOf();
        return environment
            .Where(variable => Reaches(variable.Value, superuserPassword) || Text(variable.Value) is "postgres" || Text(variable.Value).Contains("Username=postgres", StringComparison.Ordinal))
            .Select(variable => variable.Key)
            .ToList();

        static string Text(object value) => value switch
        {
            string literal => literal,
            ConnectionStringReference reference => Text(reference.Resource),
            IResourceWithConnectionString withConnectionString => withConnectionString.ConnectionStringExpression.ValueExpression,
            IManifestExpressionProvider expression => expression.ValueExpression,
            _ => "",
        };

        // An endpoint (a host, a port) gives nothing away: only connection strings and parameters are followed.
        static bool Reaches(object? value, ParameterResource parameter) => value switch
        {
            ParameterResource candidate => candidate == parameter,
            ConnectionStringReference reference => Reaches(reference.Resource, parameter),
            IResourceWithConnectionString withConnectionString => Reaches(withConnectionString.ConnectionStringExpression, parameter),
            ReferenceExpression expression => expression.ValueProviders.Any(provider => Reaches(provider, parameter)),
            _ => false,
        };
    }

    public static readonly string[] LocalMode =
    [
        "--Mesh:Infrastructure=local",
        "--ConnectionStrings:kafka=broker.example:9092",
        "--Mesh:Postgres:DataDirectory=/tmp/datamesh-model-test",
    ];
}

/// <summary>A built, never started AppHost; disposing it ends the AppHost's entry point.</summary>
internal sealed record BuiltAppHost(DistributedApplication App, DistributedApplicationModel Model) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => App.DisposeAsync();
}
