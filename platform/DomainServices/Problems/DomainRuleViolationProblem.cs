using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace DataMesh.DomainServices.Problems;

/// <summary>Answers a <see cref="DomainRuleViolation"/> with its problem.</summary>
public sealed class DomainRuleViolationProblem : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DomainRuleViolation violation)
        {
            return false;
        }

        await FieldProblem.For(violation.Field, violation.Message, violation.StatusCode, violation.Facts.ToDictionary()).ExecuteAsync(httpContext);
        return true;
    }
}
