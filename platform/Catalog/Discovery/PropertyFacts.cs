namespace DataMesh.Catalog.Discovery;

/// <summary>
/// A field of an event type; nested fields have dotted paths (<c>address.city</c>, <c>skills[]</c>): a path is never longer than
/// its file, which names each level and spends more characters on nesting (<c>properties:</c>, <c>items:</c>) than the path does.
/// </summary>
[ReadFromDefinitions]
public sealed record PropertyFacts(string Path, string Type, bool Required, string Classification, bool PersonalData, string? Description);
