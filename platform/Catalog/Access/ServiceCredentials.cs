using Microsoft.Extensions.Primitives;

namespace DataMesh.Catalog.Access;

/// <summary>
/// The mesh services that call the catalog and their credentials, from <c>Catalog:ServiceCredentials:{service}</c> (each a
/// secret parameter of the AppHost): a call carrying one in <see cref="MeshHeaders.ServiceCredential"/> comes from that service.
/// A domain's service is named after its domain; the gateway is <see cref="Gateway"/>.
/// </summary>
public sealed class ServiceCredentials(IConfiguration configuration)
{
    public const string Section = CatalogSettingKeys.ServiceCredentials;

    /// <summary>The gateway's service name (its AppHost resource): the only service whose consumer headers are believed.</summary>
    public const string Gateway = "gateway";

    /// <summary>Credentials are generated secrets: shorter ones are too easy to guess.</summary>
    public const int MinLength = TeamKeyProvisioning.MinKeyLength;

    /// <summary>The service whose credential was presented; null for none, several, or one the catalog does not know.</summary>
    public string? Identify(StringValues presented)
    {
        if (presented is not [{ } credential])
        {
            return null;
        }

        // Every credential is compared, in constant time, so the answer's timing tells nothing about any of them.
        string? service = null;
        foreach (var known in configuration.GetSection(Section).GetChildren())
        {
            if (DaprAppToken.IsValid(known.Value, credential))
            {
                service = known.Key;
            }
        }

        return service;
    }

    /// <exception cref="InvalidOperationException">A configured credential is too short, or a service's name too long; the message names the setting.</exception>
    public void Validate()
    {
        foreach (var known in configuration.GetSection(Section).GetChildren())
        {
            // The name is what the audit trail records as the caller.
            if (known.Key.Length > CatalogCaller.MaxNameLength)
            {
                throw new InvalidOperationException($"{Section}:{known.Key}: a service's name is at most {CatalogCaller.MaxNameLength} characters.");
            }

            if (known.Value is null || known.Value.Length < MinLength)
            {
                throw new InvalidOperationException($"{Section}:{known.Key}: a credential of at least {MinLength} characters is required.");
            }
        }
    }
}
