using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataMesh.DomainServices.Problems;

/// <summary>
/// An RFC 7807 problem about one field of a request, in the shape of ASP.NET Core's validation problems
/// (<c>errors: { field: [message] }</c>) so that a client reads every refusal the same way.
/// </summary>
public static class FieldProblem
{
    public static ProblemHttpResult For(string field, string message, int statusCode = StatusCodes.Status400BadRequest, IDictionary<string, object?>? extensions = null)
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = statusCode,
            Title = statusCode switch
            {
                StatusCodes.Status404NotFound => "Not found.",
                StatusCodes.Status409Conflict => "The request conflicts with the current state.",
                StatusCodes.Status422UnprocessableEntity => "The request breaks a rule of the domain.",
                StatusCodes.Status428PreconditionRequired => "A precondition is required.",
                _ => "One or more validation errors occurred.",
            },
            Detail = message,
        };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return TypedResults.Problem(problem);
    }
}
