namespace DataMesh.Catalog.Access;

/// <summary>Where an access request stands; only <see cref="Approved"/> is a grant.</summary>
public enum AccessStatus
{
    Pending,
    Approved,
    Denied,
    Revoked,
}
