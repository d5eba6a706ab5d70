using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Paging;
using Domain1.Model;

namespace Domain1.Api;

public sealed record RecordEntity1(
    [property: Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: Range(typeof(decimal), "0", "100000000")] decimal Amount,
    DateOnly RecordedOn);

public sealed record CloseEntity1(DateOnly ClosedOn);

/// <summary>A page of product1, optionally of one status.</summary>
/// <remarks>
/// Init properties rather than a positional record: the OpenAPI document fails on validation attributes of the
/// constructor parameters of an [AsParameters] record (dotnet/aspnetcore#65348). Each is nullable, since a
/// non-nullable [AsParameters] property is a required query parameter.
/// </remarks>
public sealed record Product1ListQuery
{
    /// <summary>From 1; the first when omitted.</summary>
    [Range(1, int.MaxValue)]
    public int? Page { get; init; }

    /// <summary>20 when omitted.</summary>
    [Range(1, PageRequest.MaxPageSize)]
    public int? PageSize { get; init; }

    [AllowedValues("open", "closed", null)]
    public string? Status { get; init; }

    public PageRequest PageRequest => new() { Page = Page ?? 1, PageSize = PageSize ?? 20 };

    public Entity1Status? Entity1Status => Status is null ? null : Enum.Parse<Entity1Status>(Status, ignoreCase: true);
}
