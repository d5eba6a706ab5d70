using System.ComponentModel.DataAnnotations;

namespace DataMesh.DomainServices.Paging;

/// <summary>Which page of a list a client asks for: <c>?page=1&amp;pageSize=20</c>.</summary>
public sealed record PageRequest
{
    public const int MaxPageSize = 100;

    /// <summary>From 1.</summary>
    [Range(1, int.MaxValue)]
    public int Page { get; init; } = 1;

    [Range(1, MaxPageSize)]
    public int PageSize { get; init; } = 20;

    public int Skip => (Page - 1) * PageSize;
}
