using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// Turns the AppHost's manifest expressions (<c>{postgres.connectionString}</c>, <c>{catalog.bindings.http.url}</c>,
/// <c>{postgres-password.value}</c>) into what a pod sees on the cluster: Service names and ports for endpoints,
/// and <c>$(VARIABLE)</c> references to Secret-backed variables for secrets, so no secret value is ever written.
/// </summary>
public sealed partial class ManifestExpressions(
    DistributedApplicationModel model,
    Func<IResource, string, ServiceAddress?> addressOf,
    Func<ParameterResource, SecretKey> secretOf)
{
    // Aspire names the URI-encoded form of a password parameter this way; the Secret holds one value for both,
    // so the README asks for passwords that URI encoding leaves as they are.
    private const string UriEncodedSuffix = "-uri-encoded";

    /// <summary>The value of an environment variable or component metadata entry, as the model holds it.</summary>
    public ResolvedValue Resolve(object value, string usedBy)
    {
        var secrets = new List<SecretKey>();
        var text = value switch
        {
            string literal => literal,
            IManifestExpressionProvider provider => Expand(provider.ValueExpression, secrets, usedBy),
            _ => throw new DistributedApplicationException($"{usedBy}: a value of type {value.GetType().Name} has no Kubernetes form."),
        };
        return new ResolvedValue(text, secrets.Distinct().ToList());
    }

    private string Expand(string expression, List<SecretKey> secrets, string usedBy) =>
        Placeholder().Replace(expression, match => ExpandOne(match.Groups[1].Value, secrets, usedBy));

    private string ExpandOne(string reference, List<SecretKey> secrets, string usedBy)
    {
        var parts = reference.Split('.');
        var resourceName = parts[0].EndsWith(UriEncodedSuffix, StringComparison.Ordinal) && parts is [_, "value"]
            ? parts[0][..^UriEncodedSuffix.Length]
            : parts[0];
        var resource = model.Resources.FirstOrDefault(candidate => candidate.Name == resourceName)
            ?? throw Unsupported(reference, usedBy, $"no resource is called '{resourceName}'");

        switch (parts[1..], resource)
        {
            case (["connectionString"], IResourceWithConnectionString withConnectionString):
                return Expand(withConnectionString.ConnectionStringExpression.ValueExpression, secrets, usedBy);
            case (["value"], ParameterResource { Secret: true } parameter):
                var secret = secretOf(parameter);
                secrets.Add(secret);
                return $"$({secret.Variable})";
            case (["bindings", var endpoint, var property], _):
                var address = addressOf(resource, endpoint) ?? throw Unsupported(reference, usedBy, $"'{resource.Name}' has no Service for endpoint '{endpoint}'");
                return property switch
                {
                    "host" => address.Host,
                    "port" => Number(address.Port),
                    "targetPort" => Number(address.TargetPort),
                    "hostAndPort" => $"{address.Host}:{Number(address.Port)}",
                    "scheme" => address.Scheme,
                    "url" => address.Url,
                    _ => throw Unsupported(reference, usedBy, $"endpoint property '{property}' is unknown"),
                };
            default:
                throw Unsupported(reference, usedBy, "only connection strings, endpoints and secret parameters can be deployed");
        }
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DistributedApplicationException Unsupported(string reference, string usedBy, string why) =>
        new($"{usedBy}: the expression {{{reference}}} has no Kubernetes form: {why}.");

    [GeneratedRegex(@"\{([^{}]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>Where a resource's endpoint is reached inside the cluster.</summary>
public sealed record ServiceAddress(string Host, int Port, int TargetPort, string Scheme)
{
    /// <summary>The URL, without the port when it is the scheme's own.</summary>
    public string Url => (Scheme, Port) is ("http", 80) or ("https", 443)
        ? $"{Scheme}://{Host}"
        : $"{Scheme}://{Host}:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>A key of a Secret, and the variable a container reads it into.</summary>
public sealed record SecretKey(string Secret, string Key, string Variable);

/// <summary>
/// A value as a pod sees it. <see cref="Secrets"/> are the variables its <c>$(...)</c> references need, so the
/// value goes into the container's env after them (Kubernetes expands only earlier variables) rather than a ConfigMap.
/// </summary>
public sealed record ResolvedValue(string Text, IReadOnlyList<SecretKey> Secrets)
{
    /// <summary>The value is exactly one secret: read it straight from its Secret.</summary>
    public SecretKey? WholeSecret => Secrets is [var only] && Text == $"$({only.Variable})" ? only : null;
}
