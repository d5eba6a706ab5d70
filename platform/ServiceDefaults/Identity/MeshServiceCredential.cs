using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class MeshServiceCredential
{
    /// <summary>Sends the service's credential on every request of this client: use it only for clients that call the catalog.</summary>
    public static IHttpClientBuilder AddMeshServiceCredential(this IHttpClientBuilder builder)
    {
        builder.Services.AddTransient<MeshServiceCredentialHandler>();
        return builder.AddHttpMessageHandler<MeshServiceCredentialHandler>();
    }
}
