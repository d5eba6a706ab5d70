using Semver;

namespace DataMesh.Contracts.Compatibility;

/// <summary>
/// The compatibility gate between two versions of one contract, shared by the catalog (which refuses a
/// registration it fails) and the command-line check a domain runs in its CI. Semantic versioning decides:
/// a breaking change needs a new major version, a compatible change at least a new minor version, and an
/// editorial one a newer version.
/// </summary>
public static class ContractVersionGate
{
    /// <exception cref="ArgumentException">The two contracts have different ids.</exception>
    public static CompatibilityVerdict Check(DataContract previous, DataContract next)
    {
        var changes = ContractComparison.Compare(previous, next);
        var verdict = new CompatibilityVerdict(previous.Id, previous.Version, next.Version, changes, []);
        if (next.Version.ComparePrecedenceTo(previous.Version) <= 0)
        {
            return verdict with { Refusals = [new("version", ChangeKind.Breaking, $"{next.Version} is not newer than {previous.Version}")] };
        }

        var sameMajor = next.Version.Major == previous.Version.Major;
        if (verdict.Strongest == ChangeKind.Breaking && sameMajor)
        {
            return verdict with
            {
                Refusals = changes
                    .Where(c => c.Kind == ChangeKind.Breaking)
                    .Select(c => c with { Reason = $"{c.Reason}; a breaking change needs a new major version ({verdict.LowestAcceptedVersion} or later), not {next.Version}" })
                    .ToList(),
            };
        }

        if (verdict.Strongest == ChangeKind.Compatible && sameMajor && next.Version.Minor == previous.Version.Minor)
        {
            return verdict with
            {
                Refusals = [new("version", ChangeKind.Compatible, $"{next.Version} is a patch version but the contract changed compatibly ({Summary(changes)}); it needs at least {verdict.LowestAcceptedVersion}")],
            };
        }

        return verdict;
    }

    private static string Summary(IReadOnlyList<ContractChange> changes) =>
        string.Join("; ", changes.Where(c => c.Kind == ChangeKind.Compatible).Take(3).Select(c => c.ToString()))
        + (changes.Count(c => c.Kind == ChangeKind.Compatible) > 3 ? "; …" : "");
}
