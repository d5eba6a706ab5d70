using Semver;

namespace DataMesh.Contracts.Compatibility;

/// <summary>
/// Whether a new contract version may follow the previous one: every change found, and the refusals
/// (breaking changes without a new major version, changes without the version bump they need).
/// </summary>
public sealed record CompatibilityVerdict(
    string ContractId,
    SemVersion PreviousVersion,
    SemVersion NextVersion,
    IReadOnlyList<ContractChange> Changes,
    IReadOnlyList<ContractChange> Refusals)
{
    public bool IsAccepted => Refusals.Count == 0;

    /// <summary>The strongest change found, or null when the versions say the same.</summary>
    public ChangeKind? Strongest => Changes.Count == 0 ? null : Changes.Max(c => c.Kind);

    /// <summary>The lowest version the changes allow after <see cref="PreviousVersion"/>.</summary>
    public SemVersion LowestAcceptedVersion => Strongest switch
    {
        ChangeKind.Breaking => new SemVersion(PreviousVersion.Major + 1, 0, 0),
        ChangeKind.Compatible => new SemVersion(PreviousVersion.Major, PreviousVersion.Minor + 1, 0),
        _ => new SemVersion(PreviousVersion.Major, PreviousVersion.Minor, PreviousVersion.Patch + 1),
    };
}
