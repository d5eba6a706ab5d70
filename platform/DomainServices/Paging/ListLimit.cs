using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataMesh.DomainServices.Paging;

/// <summary>
/// The most items an unpaged list answers. Lists small by nature (cost centers, departments, a campaign's spend, a
/// month's payroll) are answered whole up to this many, never more: the query takes at most this many, and the
/// OpenAPI document says so (maxItems) on the endpoints marked <see cref="WithListLimit"/>.
/// </summary>
public static class ListLimit
{
    public const int MaxItems = 1000;

    /// <summary>The query's bound: at most <see cref="MaxItems"/> of an ordered list.</summary>
    public static IQueryable<T> Bounded<T>(this IQueryable<T> ordered) => ordered.Take(MaxItems);

    /// <summary>Marks an endpoint whose list answer is bounded by <see cref="MaxItems"/>, for its document.</summary>
    public static RouteHandlerBuilder WithListLimit(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(new Bound());

    /// <summary>The endpoint metadata <see cref="WithListLimit"/> adds.</summary>
    public sealed record Bound
    {
        public int MaxItems => ListLimit.MaxItems;
    }
}
