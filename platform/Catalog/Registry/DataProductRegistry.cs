using System.Text.RegularExpressions;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Governance;
using DataMesh.Contracts;
using DataMesh.Contracts.Compatibility;
using DataMesh.DataProducts.Registration;
using Microsoft.EntityFrameworkCore;
using Semver;

namespace DataMesh.Catalog.Registry;

/// <summary>
/// Takes a domain's registration: reads the files with the loader the domains use, applies governance and
/// the compatibility gate, and keeps every new version. Registering the same files again changes nothing.
/// </summary>
public sealed partial class DataProductRegistry(CatalogDbContext db, TimeProvider clock)
{
    /// <exception cref="RegistrationRefusal">The registration is invalid, breaks governance or the compatibility gate, or conflicts with a registered version.</exception>
    public async Task<RegistrationReceipt> RegisterAsync(CatalogRegistrationRequest request, CancellationToken cancellationToken)
    {
        var registration = Read(request);
        var violations = GovernanceRules.Check(registration);
        if (violations.Count > 0)
        {
            throw new RegistrationRefusal(StatusCodes.Status422UnprocessableEntity, RegistrationRefusal.Governance, "The registration breaks the mesh's governance rules",
                violations.Select(v => Reason(v.Error, v.Rule)).ToList());
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // One registration at a time: the gate compares with the newest version, which must not change meanwhile.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtext('datamesh-catalog-registration'))", cancellationToken);
            var receipt = await ApplyAsync(request, registration, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return receipt;
        });
    }

    private static DataProductCatalogue Read(CatalogRegistrationRequest request)
    {
        DataProductCatalogue registration;
        try
        {
            registration = DataProductCatalogueLoader.Load(
                request.Descriptors.Concat(request.Contracts).Select(f => (f.Path, f.Yaml)).ToList(), upstreamIncluded: false);
        }
        catch (DataProductDefinitionException e) when (e.Errors.Any(error => error.Rule is null))
        {
            // Not valid against the standards (or not consistent across files): the governance findings, if any, come with them.
            throw new RegistrationRefusal(StatusCodes.Status422UnprocessableEntity, RegistrationRefusal.InvalidDefinitions, "The descriptors or contracts are not valid",
                e.Errors.Select(error => Reason(error, error.Rule ?? "definition")).ToList());
        }
        catch (DataProductDefinitionException e)
        {
            // Valid ODPS and ODCS, but not what the mesh accepts: the shared governance (MeshGovernance), each reason naming its rule.
            throw new RegistrationRefusal(StatusCodes.Status422UnprocessableEntity, RegistrationRefusal.Governance, "The registration breaks the mesh's governance rules",
                e.Errors.Select(error => Reason(error, error.Rule!)).ToList());
        }

        var foreign = registration.DataProducts.Where(p => p.Domain != request.Domain).ToList();
        if (foreign.Count > 0)
        {
            throw new RegistrationRefusal(StatusCodes.Status422UnprocessableEntity, RegistrationRefusal.InvalidDefinitions, "A domain registers its own data products only",
                foreign.Select(p => Reason(p.Source.Error("domain", $"'{p.Domain}' is not the registering domain '{request.Domain}'"), "definition")).ToList());
        }

        return registration;
    }

    private async Task<RegistrationReceipt> ApplyAsync(CatalogRegistrationRequest request, DataProductCatalogue registration, CancellationToken cancellationToken)
    {
        var domain = request.Domain;
        var texts = request.Descriptors.Concat(request.Contracts).ToDictionary(f => f.Path, f => f.Yaml, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var registered = new List<RegisteredDefinition>();
        var unchanged = new List<RegisteredDefinition>();
        var refusals = new List<RefusalReason>();

        foreach (var contract in registration.Contracts)
        {
            var definition = new RegisteredDefinition("contract", contract.Id, contract.Version.ToString());
            var versions = await db.ContractVersions.Where(v => v.ContractId == contract.Id).ToListAsync(cancellationToken);
            var yaml = texts[contract.Source.Location.File];
            if (AlreadyRegistered(versions.FirstOrDefault(v => v.Version == definition.Version)?.Yaml, yaml, definition, contract.Source, unchanged, refusals))
            {
                continue;
            }

            if (versions.FirstOrDefault(v => v.DataProductId != contract.DataProduct) is { } other)
            {
                refusals.Add(Reason(contract.Source.Error("dataProduct", $"contract {contract.Id} belongs to data product {other.DataProductId}"), "ownership"));
                continue;
            }

            var previous = versions
                .Select(v => (Record: v, Version: SemVersion.Parse(v.Version, SemVersionStyles.Strict)))
                .Where(v => v.Version.ComparePrecedenceTo(contract.Version) < 0)
                .OrderByDescending(v => v.Version, SemVersion.PrecedenceComparer)
                .Select(v => v.Record)
                .FirstOrDefault();
            if (previous is not null)
            {
                var verdict = ContractVersionGate.Check(DataProductCatalogueLoader.LoadContract(previous.Path, previous.Yaml), contract);
                refusals.AddRange(verdict.Refusals.Select(r => new RefusalReason(
                    contract.Source.Location.File, contract.Source.Location.Line, contract.Source.Location.Column,
                    $"{contract.Id}@{contract.Version}: {r.Path}", r.Kind.ToString().ToLowerInvariant(), $"{r.Reason} (compared with {previous.Version})")));
            }

            db.ContractVersions.Add(new ContractVersionRecord
            {
                ContractId = contract.Id,
                Version = definition.Version,
                Major = (int)contract.Version.Major,
                Minor = (int)contract.Version.Minor,
                Patch = (int)contract.Version.Patch,
                DataProductId = contract.DataProduct,
                Topic = contract.EventServer?.Topic,
                Path = contract.Source.Location.File,
                Yaml = yaml,
                RegisteredAt = now,
            });
            registered.Add(definition);
        }

        foreach (var product in registration.DataProducts)
        {
            var definition = new RegisteredDefinition("data-product", product.Id, product.Version.ToString());
            var existing = await db.DataProducts.FindAsync([product.Id], cancellationToken);
            if (existing is not null && existing.Domain != domain)
            {
                refusals.Add(Reason(product.Source.Error("id", $"data product {product.Id} belongs to domain {existing.Domain}"), "ownership"));
                continue;
            }

            if (await OwnerTeamRefusalAsync(existing, product, domain, cancellationToken) is { } refusal)
            {
                refusals.Add(Reason(product.Source.Error("team", refusal), "ownership"));
                continue;
            }

            var same = await db.DataProductVersions.FindAsync([product.Id, definition.Version], cancellationToken);
            var yaml = texts[product.Source.Location.File];
            if (AlreadyRegistered(same?.Yaml, yaml, definition, product.Source, unchanged, refusals))
            {
                if (existing?.Version == definition.Version)
                {
                    // The listed version sent again: its members are kept even if it was registered before members were.
                    await ListMembersAsync(product, cancellationToken);
                }

                continue;
            }

            db.DataProductVersions.Add(new DataProductVersionRecord
            {
                DataProductId = product.Id,
                Version = definition.Version,
                Major = (int)product.Version.Major,
                Minor = (int)product.Version.Minor,
                Patch = (int)product.Version.Patch,
                Path = product.Source.Location.File,
                Yaml = yaml,
                RegisteredAt = now,
            });
            registered.Add(definition);
            if (existing is null || SemVersion.Parse(existing.Version, SemVersionStyles.Strict).ComparePrecedenceTo(product.Version) < 0)
            {
                await ListAsync(existing, product, registration.ContractsOffered(product), now, cancellationToken);
            }
        }

        if (refusals.Count > 0)
        {
            var breaking = refusals.All(r => r.Rule is "breaking" or "compatible" or "editorial");
            throw new RegistrationRefusal(
                StatusCodes.Status409Conflict,
                breaking ? RegistrationRefusal.BreakingChange : RegistrationRefusal.VersionConflict,
                breaking ? "The contract changes need a different version" : "The registration conflicts with what is registered",
                refusals);
        }

        return new RegistrationReceipt(domain, registered, unchanged);
    }

    /// <summary>
    /// Why <paramref name="product"/> may not name its owner team, or null: the owner team decides who reads the product
    /// and whose keys reach the domain, so a registration never changes it, and never names a team of another domain or
    /// one the catalog keeps (its members would become that team's).
    /// </summary>
    private async Task<string?> OwnerTeamRefusalAsync(DataProductRecord? existing, DataProductDescriptor product, string domain, CancellationToken cancellationToken)
    {
        var team = product.Team.Name;
        if (existing is not null)
        {
            return existing.Owner == team ? null : $"data product {product.Id} is owned by team {existing.Owner}; a registration does not change its owner team to '{team}'";
        }

        if (await db.DataProducts.Where(p => p.Owner == team && p.Domain != domain).Select(p => p.Domain).FirstOrDefaultAsync(cancellationToken) is { } other)
        {
            return $"team '{team}' owns data products of domain {other}; a team owns products of one domain only";
        }

        return await db.Teams.AnyAsync(t => t.Name == team, cancellationToken)
            ? $"team '{team}' is a team the catalog keeps for consumers; an owner team's name is its own"
            : null;
    }

    /// <summary>Keeps the people the descriptor names in <c>team.members</c> as the members of its owner team.</summary>
    private async Task ListMembersAsync(DataProductDescriptor product, CancellationToken cancellationToken)
    {
        await db.ProductTeamMembers.Where(m => m.DataProductId == product.Id).ExecuteDeleteAsync(cancellationToken);
        db.ProductTeamMembers.AddRange(product.Team.Members
            .GroupBy(m => TeamMembership.Normalize(m.Username), StringComparer.Ordinal)
            .Select(g => new ProductTeamMemberRecord
            {
                DataProductId = product.Id,
                UserName = g.Key,
                Role = g.FirstOrDefault(m => TeamMembership.RoleFrom(m.Role) == TeamRole.Owner)?.Role ?? g.First().Role,
            }));
    }

    /// <summary>Makes <paramref name="product"/>'s newest version the one listed, searched and drawn in lineage.</summary>
    private async Task ListAsync(DataProductRecord? existing, DataProductDescriptor product, IReadOnlyList<DataContract> contracts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = existing ?? new DataProductRecord
        {
            Id = product.Id, Domain = product.Domain, Name = "", Owner = "", Status = "", Version = "", Description = "", Purpose = "",
            TagText = "", PropertyNames = "", RegisteredAt = now,
        };
        var properties = contracts.SelectMany(c => c.Schema).SelectMany(o => Flatten(o.Properties)).ToList();
        record.Name = product.Name;
        record.Owner = product.Team.Name;
        record.Status = product.Status.ToString().ToLowerInvariant();
        record.Version = product.Version.ToString();
        record.Purpose = product.Description.Purpose;
        record.Description = $"{product.Description.Purpose} {product.Description.Usage} {product.Description.Limitations}";
        record.Tags = product.Tags.Concat(contracts.SelectMany(c => c.Tags)).Distinct().ToList();
        record.TagText = string.Join(' ', record.Tags);
        record.PropertyNames = string.Join(' ', contracts.SelectMany(c => c.Schema).Select(o => o.Name).Concat(properties.Select(p => p.Name)).SelectMany(Words).Distinct());
        record.Classifications = properties.Select(p => p.Classification.ToString().ToLowerInvariant()).Distinct().Order().ToList();
        record.Freshness = contracts.Select(c => c.SlaProperty("freshness")?.Duration).Where(d => d is not null).Min();
        record.UpdatedAt = now;
        if (existing is null)
        {
            db.DataProducts.Add(record);
        }

        await ListMembersAsync(product, cancellationToken);
        await db.Lineage.Where(e => e.DownstreamId == product.Id).ExecuteDeleteAsync(cancellationToken);
        db.Lineage.AddRange(product.InputPorts.Select(port => new LineageEdgeRecord
        {
            DownstreamId = product.Id,
            InputPort = port.Name,
            UpstreamId = port.DataProductId,
            ContractId = port.ContractId,
            ContractVersion = port.Version.ToString(),
        }));
    }

    private static IEnumerable<SchemaProperty> Flatten(IEnumerable<SchemaProperty> properties) =>
        properties.SelectMany(p => new[] { p }.Concat(Flatten(p.Properties)).Concat(p.Items is { } items ? Flatten(items.Properties) : []));

    /// <summary>The name itself and its camelCase words, so "employeeId" is found by "employee" too.</summary>
    private static IEnumerable<string> Words(string name) => [name, .. CamelCaseWord().Matches(name).Select(m => m.Value.ToLowerInvariant())];

    /// <summary>
    /// Whether this version is registered already: then the same text is a no-op, and a different text a
    /// conflict, since a registered version never changes.
    /// </summary>
    private static bool AlreadyRegistered(string? registeredYaml, string yaml, RegisteredDefinition definition, DefinitionSource source, List<RegisteredDefinition> unchanged, List<RefusalReason> refusals)
    {
        if (registeredYaml is null)
        {
            return false;
        }

        if (registeredYaml == yaml)
        {
            unchanged.Add(definition);
        }
        else
        {
            refusals.Add(Reason(source.Error("version", $"{definition.Kind} {definition.Id} {definition.Version} is already registered with different content; a change needs a new version"), "version-conflict"));
        }

        return true;
    }

    private static RefusalReason Reason(ContractValidationError error, string rule) =>
        new(error.Location.File, error.Location.Line, error.Location.Column, error.Field, rule, error.Reason);

    [GeneratedRegex("[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")]
    private static partial Regex CamelCaseWord();
}
