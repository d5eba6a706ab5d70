namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The headers by which the mesh's own parts tell each other who calls. Only the mesh sets them: the gateway drops any
/// value a client sends, and a service believes them only beside a credential it verified.
/// </summary>
public static class MeshHeaders
{
    /// <summary>
    /// Sent by a client to the gateway: its consumer's API key. The gateway checks it and never forwards it; the services'
    /// OpenAPI documents name it as their security scheme.
    /// </summary>
    public const string ApiKey = "X-Api-Key";

    /// <summary>Set by the gateway on a request it forwards with a valid API key: the caller's consumer.</summary>
    public const string Consumer = "X-DataMesh-Consumer";

    /// <summary>Set by the gateway beside <see cref="Consumer"/>: the caller's team.</summary>
    public const string Team = "X-DataMesh-Team";

    /// <summary>
    /// A mesh service's own credential (a secret parameter of the AppHost) on its calls to another mesh service:
    /// proves which service calls, and is the only thing that makes <see cref="Consumer"/> and <see cref="Team"/> believable.
    /// </summary>
    public const string ServiceCredential = "X-DataMesh-Service-Credential";

    /// <summary>Dapr's API token header: daprd sends it to its app when APP_API_TOKEN is set, and expects it when DAPR_API_TOKEN is.</summary>
    public const string DaprApiToken = "dapr-api-token";
}
