using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using YamlDotNet.RepresentationModel;

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

    /// <summary>Allocates the app's and its sidecar's endpoints as the orchestrator would, then reads the sidecar's command line.</summary>
    public static async Task<Dictionary<string, string>> SidecarFlagsAsync(this DistributedApplicationModel model, string app, int basePort)
    {
        var sidecar = model.Single<DaprSidecarResource>($"{app}-dapr");
        model.Single<ProjectResource>(app).Allocate("http", basePort + 1, basePort + 1001);
        sidecar.Allocate(DaprSidecarResource.HttpEndpointName, basePort + 2, basePort + 1002);
        sidecar.Allocate(DaprSidecarResource.GrpcEndpointName, basePort + 3, basePort + 1003);
        sidecar.Allocate(DaprSidecarResource.MetricsEndpointName, basePort + 4, basePort + 1004);

        // Each flag and its value: two tokens, or one as --flag=value.
        var arguments = new Queue<string>(await sidecar.ArgumentsOf());
        var flags = new Dictionary<string, string>();
        while (arguments.TryDequeue(out var flag))
        {
            Assert.StartsWith("--", flag, StringComparison.Ordinal);
            var (name, value) = flag.Split('=', 2) is [var before, var after] ? (before, after) : (flag, arguments.Dequeue());
            flags.Add(name, value);
        }

        return flags;
    }

    public static void Allocate(this IResource resource, string endpointName, int port, int targetPort)
    {
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().Single(annotation => annotation.Name == endpointName);
        endpoint.TargetPort = targetPort;
        endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", port);
    }

    public static async Task<IReadOnlyList<string>> ArgumentsOf(this IResource resource)
    {
        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithArgumentsConfig()
            .BuildAsync(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), NullLogger.Instance, CancellationToken.None);
        return configuration.Arguments.Select(argument => argument.Value).ToList();
    }

    /// <summary>The one YAML document of a file daprd would read.</summary>
    public static async Task<YamlMappingNode> ReadYamlAsync(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(await File.ReadAllTextAsync(path)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
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
