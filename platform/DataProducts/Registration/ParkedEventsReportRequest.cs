namespace DataMesh.DataProducts.Registration;

/// <summary>
/// What a domain service tells the catalog of the events its outbox relay parked (refused again and again, so no longer
/// offered): one entry for each of the domain's data products, zero included, so the catalog's picture is the outbox's.
/// </summary>
public sealed record ParkedEventsReportRequest(string Domain, IReadOnlyList<ParkedEvents> Products);

/// <summary>The parked events of one data product: how many, and when the oldest was parked and why (the sidecar's words, never data).</summary>
public sealed record ParkedEvents(string DataProductId, int Count, DateTimeOffset? OldestParkedAt, string? OldestReason);
