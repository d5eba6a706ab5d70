namespace DataMesh.Catalog.Discovery;

/// <summary>
/// Marks a record whose texts and lists the catalog reads from registered descriptor and contract files: each is bounded
/// by the file it comes from (<see cref="Api.RegistrationRequestRules.MaxFileChars"/>), which the document says
/// (<see cref="Api.RegisteredDefinitionBoundsSchema"/>). A property bounded otherwise carries its own attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReadFromDefinitionsAttribute : Attribute;
