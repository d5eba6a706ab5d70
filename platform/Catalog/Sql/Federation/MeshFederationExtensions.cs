using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.SqlPorts;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Sql.Federation;

/// <summary>The catalog's mesh federation, registered only when the catalog is given the mesh database.</summary>
public static class MeshFederationExtensions
{
    /// <summary>
    /// With <c>ConnectionStrings:{SqlPortConnections.MeshDatabase}</c> set: the <see cref="MeshFederation"/> (also the
    /// catalog's <see cref="ISqlLoginObserver"/>), its reconciler, and the registry's nudge. Without it, nothing.
    /// </summary>
    public static IHostApplicationBuilder AddMeshFederation(this IHostApplicationBuilder builder)
    {
        if (MeshFederationOptions.From(builder.Configuration) is not { } options)
        {
            return builder;
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<MeshFederation>();
        builder.Services.AddSingleton<ISqlLoginObserver>(services => services.GetRequiredService<MeshFederation>());
        builder.Services.AddSingleton<MeshFederationReconciler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<MeshFederationReconciler>());
        builder.Services.AddSingleton<RegistrationCommittedInterceptor>();
        builder.Services.ConfigureDbContext<CatalogDbContext>((services, context) =>
            context.AddInterceptors(services.GetRequiredService<RegistrationCommittedInterceptor>()));
        return builder;
    }
}
