using System.Globalization;
using DataMesh.DomainServices.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DomainServices.Concurrency;

/// <summary>
/// Optimistic concurrency over HTTP: an entity's version is PostgreSQL's <c>xmin</c> (mapped with
/// <c>IsRowVersion()</c>), handed out as the ETag and expected back in <c>If-Match</c> on updates.
/// </summary>
public static class EntityVersion
{
    public const string IfMatchHeader = "If-Match";

    public static string ETag(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Makes the update of <paramref name="entity"/> conditional on the version the client read. A version older
    /// than the one just loaded is answered 409 at once (an update that changes no column would otherwise save
    /// nothing and check nothing); one that changes between this load and the save fails the save with a
    /// concurrency conflict (409 too). Without a usable <c>If-Match</c>, returns the 428 problem to answer instead.
    /// </summary>
    public static ProblemHttpResult? ExpectVersion<TEntity>(this DbContext db, TEntity entity, HttpRequest request)
        where TEntity : class
    {
        var header = request.Headers[IfMatchHeader].ToString();
        if (!uint.TryParse(header.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return FieldProblem.For(
                IfMatchHeader,
                $"Send the ETag of the version you read in {IfMatchHeader} (it was {(header.Length == 0 ? "missing" : $"'{header}'")}).",
                StatusCodes.Status428PreconditionRequired);
        }

        var version = db.Entry(entity).Properties.Single(p => p.Metadata.IsConcurrencyToken);
        if (version.CurrentValue is uint loaded && loaded != expected)
        {
            return TypedResults.Problem(ConcurrencyConflictProblem.Details());
        }

        version.OriginalValue = expected;
        return null;
    }
}
