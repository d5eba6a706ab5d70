namespace DataMesh.Contracts.Compatibility;

/// <summary>How much a change between two versions of a contract matters to its consumers, in rising order.</summary>
public enum ChangeKind
{
    /// <summary>Wording or status only: no event or promise changes; a patch version is enough.</summary>
    Editorial,

    /// <summary>Every event valid before stays valid and every promise holds: needs at least a minor version.</summary>
    Compatible,

    /// <summary>An event valid before may be refused, or a promise is weakened: needs a new major version.</summary>
    Breaking,
}
