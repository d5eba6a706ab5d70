using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace DataMesh.DomainServices.Problems;

/// <summary>
/// A request ASP.NET Core could not bind (a malformed body, a route or query value of the wrong type) is a 400
/// problem naming the parameter, not a 500.
/// </summary>
public sealed partial class BadRequestProblem : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var parameter = ParameterName().Match(badRequest.Message);
        await FieldProblem.For(parameter.Success ? parameter.Groups["name"].Value : "$", badRequest.Message, badRequest.StatusCode).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>ASP.NET Core names the parameter as <c>parameter "Type name"</c>.</summary>
    [GeneratedRegex("""parameter "(?:[^"]* )?(?<name>[^" ]+)" """, RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
