namespace DataMesh.DataProducts.Registration;

/// <summary>Where and how persistently the service registers its data products with the catalog.</summary>
public sealed class CatalogRegistrationOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The catalog service, resolved through service discovery.</summary>
    public Uri Address { get; set; } = new("http://catalog");

    public string Path { get; set; } = "/api/catalog/v1/registrations";

    /// <summary>First wait after the catalog did not answer; doubled up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
