namespace DataMesh.Catalog.Registry;

/// <summary>
/// Why the catalog refuses a registration, answered as an RFC 7807 problem with <see cref="Reasons"/> as its
/// <c>errors</c>. The status tells the registering service whether sending again could help: it cannot, so
/// 409 and 422 make it stop retrying.
/// </summary>
public sealed class RegistrationRefusal(int statusCode, string type, string title, IReadOnlyList<RefusalReason> reasons) : Exception(title)
{
    public const string InvalidDefinitions = "urn:datamesh:catalog:invalid-definitions";
    public const string Governance = "urn:datamesh:catalog:governance";
    public const string BreakingChange = "urn:datamesh:catalog:breaking-change";
    public const string VersionConflict = "urn:datamesh:catalog:version-conflict";

    public int StatusCode => statusCode;

    public string Type => type;

    public string Title => Message;

    public IReadOnlyList<RefusalReason> Reasons => reasons;
}
