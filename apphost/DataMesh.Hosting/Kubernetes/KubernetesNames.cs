using System.Text.RegularExpressions;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>Object names Kubernetes accepts (RFC 1123 labels: lower case letters, digits and '-', at most 63).</summary>
public static partial class KubernetesNames
{
    public static string From(string name)
    {
        var label = Invalid().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return label.Length <= 63 ? label : label[..63].TrimEnd('-');
    }

    /// <summary>An environment variable name for a resource name: <c>postgres-password</c> becomes <c>POSTGRES_PASSWORD</c>.</summary>
    public static string EnvironmentVariable(string name) => NotIdentifier().Replace(name.ToUpperInvariant(), "_");

    [GeneratedRegex("[^a-z0-9-]+")]
    private static partial Regex Invalid();

    [GeneratedRegex("[^A-Z0-9_]")]
    private static partial Regex NotIdentifier();
}
