namespace DataMesh.Catalog.Discovery;

/// <summary>A field of an event type; nested fields have dotted paths (<c>address.city</c>, <c>skills[]</c>).</summary>
public sealed record PropertyFacts(string Path, string Type, bool Required, string Classification, bool PersonalData, string? Description);
