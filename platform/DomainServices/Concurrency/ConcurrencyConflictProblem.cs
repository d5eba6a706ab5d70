using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DomainServices.Concurrency;

/// <summary>An update made against a version someone else has changed since is refused as 409.</summary>
public sealed class ConcurrencyConflictProblem(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DbUpdateConcurrencyException)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = Details(),
        });
    }

    /// <summary>The problem answered for a stale <c>If-Match</c>, found before or by the save.</summary>
    public static ProblemDetails Details() => new()
    {
        Status = StatusCodes.Status409Conflict,
        Title = "The resource was changed by someone else.",
        Detail = $"The {EntityVersion.IfMatchHeader} version is no longer current: read the resource again and retry with its new ETag.",
        Extensions = { ["field"] = EntityVersion.IfMatchHeader },
    };
}
