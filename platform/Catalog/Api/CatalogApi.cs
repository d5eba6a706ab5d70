using DataMesh.Catalog.Sql;

namespace DataMesh.Catalog.Api;

/// <summary>The catalog's versioned REST API under <c>/api/catalog/v1</c>.</summary>
public static class CatalogApi
{
    public const string Prefix = DataMesh.DataProducts.Subscribing.DeadLetterReplayRoute.ApiPrefix;

    public static WebApplication MapCatalogApi(this WebApplication app)
    {
        var v1 = app.MapGroup(Prefix).AddEndpointFilter<CatalogRefusalFilter>().Answers(StatusCodes.Status500InternalServerError);
        v1.MapRegistrations();
        v1.MapParkedEvents();
        v1.MapQualityResults();
        v1.MapDiscovery();
        v1.MapAccess();
        v1.MapTeams();
        v1.MapDeadLetters();
        v1.MapSql();
        return app;
    }
}
