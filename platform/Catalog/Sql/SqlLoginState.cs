namespace DataMesh.Catalog.Sql;

/// <summary>Where a consumer's PostgreSQL login stands.</summary>
public enum SqlLoginState
{
    /// <summary>The role exists and may log in; the owning domains grant it what the catalog's grants say.</summary>
    Active,

    /// <summary>
    /// Revoked: the role may no longer log in (<c>NOLOGIN</c>) and the domains were told to revoke its privileges; the catalog
    /// drops it once no database holds a privilege of it any more (<see cref="SqlLoginDropper"/>).
    /// </summary>
    Revoked,

    /// <summary>The role is gone. A new login may be created for the consumer.</summary>
    Dropped,
}
