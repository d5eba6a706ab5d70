namespace DataMesh.DataProducts.SqlPorts;

/// <summary>
/// The connection names (<c>ConnectionStrings:{name}</c>) of the mesh's SQL access, written by the AppHost and read by the
/// catalog: their one home.
/// </summary>
public static class SqlPortConnections
{
    /// <summary>The platform's <c>mesh</c> database, as its owner: the foreign servers, tables and user mappings of every SQL port.</summary>
    public const string MeshDatabase = "mesh-db";

    /// <summary>The provisioning role: it may only call the functions that create, rotate, disable and drop consumers' logins (<see cref="ConsumerLoginFunctions"/>).</summary>
    public const string Provisioner = "mesh-provisioner";

    /// <summary>
    /// The group role every consumer's login role is created in: the mesh database grants its foreign tables to this role
    /// alone, and the owning domain's grants behind them decide what each member really reads.
    /// </summary>
    public const string ConsumersGroupRole = "mesh_consumers";
}
