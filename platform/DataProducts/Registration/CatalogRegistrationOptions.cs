namespace DataMesh.DataProducts.Registration;

/// <summary>Where and how persistently the service registers its data products with the catalog.</summary>
public sealed class CatalogRegistrationOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The catalog service, resolved through service discovery.</summary>
    public Uri Address { get; set; } = new("http://catalog");

    public string Path { get; set; } = "/api/catalog/v1/registrations";

    /// <summary>Where the service reports its parked outbox events (<see cref="ParkedEventsReportRequest"/>).</summary>
    public string ParkedEventsPath { get; set; } = "/api/catalog/v1/parked-events";

    /// <summary>The catalog's route for quality results below its API prefix: the catalog maps it, <see cref="QualityResultsPath"/> is built from it.</summary>
    public const string QualityResultsRoute = "/quality-results";

    /// <summary>Where the service reports its contracts' quality rule runs (<see cref="QualityResultsReportRequest"/>).</summary>
    public string QualityResultsPath { get; set; } = Subscribing.DeadLetterReplayRoute.ApiPrefix + QualityResultsRoute;

    /// <summary>
    /// The catalog's route, below its API prefix, that tells a product's owning domain the grants it applies to its SQL
    /// output port (<see cref="SqlPorts.SqlGrantsAnswer"/>); the catalog maps it, <see cref="SqlGrantsPath"/> is built from it.
    /// </summary>
    public const string SqlGrantsRoute = "/products/{id}/sql-grants";

    /// <summary>Where the domain reads a product's SQL grants.</summary>
    public static string SqlGrantsPath(string dataProductId) =>
        Subscribing.DeadLetterReplayRoute.ApiPrefix + SqlGrantsRoute.Replace("{id}", Uri.EscapeDataString(dataProductId), StringComparison.Ordinal);

    /// <summary>
    /// How often the parked events are read again and reported when they changed; the relay wakes the report at once when
    /// it parks an event, so this only catches rows changed by hand (an operator offering a row again).
    /// </summary>
    public TimeSpan ParkedEventsInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the domain reads its SQL ports' grants from the catalog and applies them; a <c>SqlGrantChanged</c> event
    /// applies them at once, so this bounds how long a lost event leaves a port as it was.
    /// </summary>
    public TimeSpan SqlGrantsInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The setting of <see cref="SqlGrantsInterval"/>.</summary>
    public const string SqlGrantsIntervalKey = "DataProducts:SqlGrants:Interval";

    /// <summary>First wait after the catalog did not answer; doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
