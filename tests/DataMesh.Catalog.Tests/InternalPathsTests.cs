using System.Text.RegularExpressions;
using DataMesh.DataProducts.Registration;
using DataMesh.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// The catalog's internal operations (<see cref="CatalogInternalPaths.Operations"/>, which the AppHost makes routes the
/// gateway never forwards) against the routes the running catalog maps: each pattern still matches a route, and every API operation the
/// catalog leaves out of its public description is internal, unless named below as reachable through the gateway on purpose.
/// </summary>
public sealed partial class InternalPathsTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    /// <summary>Undescribed, yet for people too: administrators read a product's SQL grants (README's permission table).</summary>
    private static readonly string[] UndescribedButPublic = [Api.CatalogApi.Prefix + CatalogRegistrationOptions.SqlGrantsRoute];

    private CatalogHost catalog = null!;

    public async Task InitializeAsync() => catalog = await CatalogHost.StartAsync(postgres);

    public async Task DisposeAsync() => await catalog.DisposeAsync();

    [Fact]
    public void Every_internal_operation_is_a_route_of_the_catalog_and_every_undescribed_operation_is_internal()
    {
        var routes = catalog.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (Pattern: "/" + endpoint.RoutePattern.RawText!.TrimStart('/'),
                Undescribed: endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription == true))
            .ToList();
        var matchers = CatalogInternalPaths.Operations.ToDictionary(pattern => pattern, pattern => new TemplateMatcher(TemplateParser.Parse(pattern), new RouteValueDictionary()));
        bool Internal(string route, string pattern) => matchers[pattern].TryMatch(SamplePath(route), new RouteValueDictionary());

        Assert.All(CatalogInternalPaths.Operations, pattern => Assert.True(routes.Any(route => Internal(route.Pattern, pattern)),
            $"the internal path {pattern} matches no route of the catalog: {string.Join(", ", routes.Select(r => r.Pattern).Order())}"));
        // The API's operations (its OpenAPI document and reference pages are undescribed and public by nature).
        var operations = routes.Where(route => route.Pattern.StartsWith(Api.CatalogApi.Prefix + "/", StringComparison.Ordinal));
        Assert.All(operations.Where(route => route.Undescribed && !UndescribedButPublic.Contains(route.Pattern)), route =>
            Assert.True(CatalogInternalPaths.Operations.Any(pattern => Internal(route.Pattern, pattern)),
                $"{route.Pattern} is left out of the catalog's public description but the gateway forwards it: add it to CatalogInternalPaths, or name it here as public"));
        Assert.All(UndescribedButPublic, pattern => Assert.Contains(pattern, routes.Select(route => route.Pattern)));
    }

    /// <summary>A path the route pattern matches: each parameter (constraints and catch-alls too) as one segment.</summary>
    private static PathString SamplePath(string pattern) => new(Parameter().Replace(pattern, "x"));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
