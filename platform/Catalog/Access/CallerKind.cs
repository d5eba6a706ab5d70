namespace DataMesh.Catalog.Access;

/// <summary>
/// What kind of caller made a change, kept beside its name in the audit trail: a user name and a consumer id may look
/// alike. Entries from before callers were identified are <see cref="Anonymous"/>: their names were typed by the caller.
/// </summary>
public enum CallerKind
{
    Anonymous,
    Person,
    Consumer,
    Service,
}
