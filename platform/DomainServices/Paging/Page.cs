using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DomainServices.Paging;

/// <summary>One page of a list and what a client needs to ask for the others.</summary>
public sealed record Page<T>([property: MaxLength(PageRequest.MaxPageSize)] IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public int PageCount => (TotalCount + PageSize - 1) / PageSize;
}

public static class PageQueryExtensions
{
    /// <summary>Reads the requested page of <paramref name="ordered"/>, which must have a total order for stable pages.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest request, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip(request.Skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return new Page<T>(items, request.Page, request.PageSize, total);
    }
}
