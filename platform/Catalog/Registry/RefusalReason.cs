namespace DataMesh.Catalog.Registry;

/// <summary>
/// One reason a registration was refused: where (the file and line when known, and the field path), which
/// rule or change kind, and why.
/// </summary>
public sealed record RefusalReason(string? File, int? Line, int? Column, string Path, string Rule, string Reason);
