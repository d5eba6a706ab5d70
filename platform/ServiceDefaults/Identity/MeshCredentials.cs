namespace Microsoft.Extensions.Hosting;

/// <summary>Where a service finds the secrets that identify it and the parts of the mesh it talks to.</summary>
public static class MeshCredentials
{
    /// <summary>The service's own credential, sent in <see cref="MeshHeaders.ServiceCredential"/> (environment <c>Mesh__ServiceCredential</c>).</summary>
    public const string ServiceCredentialKey = "Mesh:ServiceCredential";

    /// <summary>The token daprd sends to the app (Dapr's own variable name, read by daprd and by the app).</summary>
    public const string AppApiTokenVariable = "APP_API_TOKEN";

    /// <summary>The token the app sends to daprd (Dapr's own variable name; the Dapr SDK reads it).</summary>
    public const string DaprApiTokenVariable = "DAPR_API_TOKEN";
}
