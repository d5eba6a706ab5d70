namespace DataMesh.Catalog.Access;

/// <summary>
/// The API keys of the domains' own teams, handed to the catalog by the AppHost (<c>Catalog:TeamKeys:{domain}:Team</c>
/// and <c>:Key</c>, the key from a secret parameter): a domain's team needs a key to reach its own service through the
/// gateway before anyone could issue it one. Each becomes the consumer <c>{domain}-team</c> with that one active key;
/// a changed key replaces the previous one.
/// </summary>
public sealed class TeamKeyProvisioning(AccessDesk desk, IConfiguration configuration)
{
    public const string Section = CatalogSettingKeys.TeamKeys;

    /// <summary>Keys are secrets from the AppHost's generator or a person: shorter ones are too easy to guess.</summary>
    public const int MinKeyLength = 32;

    /// <exception cref="InvalidOperationException">A team key is incomplete or too short; the message names the setting.</exception>
    public async Task ProvisionAsync(CancellationToken cancellationToken)
    {
        foreach (var domain in configuration.GetSection(Section).GetChildren())
        {
            var team = domain[CatalogSettingKeys.TeamKeyTeam];
            var key = domain[CatalogSettingKeys.TeamKeyKey];
            if (string.IsNullOrWhiteSpace(team) || team.Length > TeamDirectory.MaxNameLength)
            {
                throw new InvalidOperationException($"{Section}:{domain.Key}:{CatalogSettingKeys.TeamKeyTeam}: the team that owns domain '{domain.Key}' is required, at most {TeamDirectory.MaxNameLength} characters.");
            }

            var consumerId = $"{domain.Key}-team";
            if (consumerId.Length > AccessDesk.MaxIdLength)
            {
                throw new InvalidOperationException($"{Section}:{domain.Key}: the domain's name makes the consumer id '{consumerId}', longer than {AccessDesk.MaxIdLength} characters.");
            }

            if (key is null || key.Length < MinKeyLength)
            {
                throw new InvalidOperationException($"{Section}:{domain.Key}:{CatalogSettingKeys.TeamKeyKey}: a key of at least {MinKeyLength} characters is required.");
            }

            await desk.ProvisionTeamKeyAsync(consumerId, team, key, cancellationToken);
        }
    }
}
