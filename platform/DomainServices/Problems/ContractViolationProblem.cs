using DataMesh.DataProducts.Publishing;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace DataMesh.DomainServices.Problems;

/// <summary>
/// A command whose event would break the data product's contract is refused as 422, naming each field: nothing
/// was written, since the event and the domain change commit together.
/// </summary>
public sealed class ContractViolationProblem(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ContractViolationException violation)
        {
            return false;
        }

        var problem = new HttpValidationProblemDetails(
            violation.Violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Reason).ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The change would break the data product's contract.",
            Detail = violation.Message,
        };
        httpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}
