using DataMesh.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataMesh.DataProducts;

/// <summary>Startup wiring for a service that publishes or consumes data products.</summary>
public static class DataProductCatalogueHostingExtensions
{
    /// <summary>
    /// Loads the descriptors and contracts under <paramref name="folder"/> (relative to the service's
    /// output folder unless rooted) while the host is built, not on first use, so that an invalid definition
    /// stops the service before it serves anything; then registers the <see cref="DataProductCatalogue"/>.
    /// </summary>
    /// <exception cref="DataProductDefinitionException">A definition is invalid; the message lists every problem.</exception>
    public static IHostApplicationBuilder AddDataProductCatalogue(this IHostApplicationBuilder builder, string folder)
    {
        builder.Services.AddSingleton(DataProductCatalogueLoader.Load(Path.Combine(AppContext.BaseDirectory, folder)));
        return builder;
    }
}
