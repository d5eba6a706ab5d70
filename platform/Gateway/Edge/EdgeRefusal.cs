using Microsoft.AspNetCore.Mvc;

namespace DataMesh.Gateway.Edge;

/// <summary>A request the gateway does not forward, answered as an RFC 7807 problem naming what was wrong with it.</summary>
/// <param name="Field">The header, path or body the refusal is about, under <c>errors</c> as in a validation problem.</param>
public sealed record EdgeRefusal(int Status, string Title, string Field, string Detail)
{
    public static EdgeRefusal MissingKey() =>
        new(StatusCodes.Status401Unauthorized, "An API key is required", EdgeHeaders.ApiKey, "send the key the catalog issued you in the X-Api-Key header");

    public static EdgeRefusal UnknownKey() =>
        new(StatusCodes.Status401Unauthorized, "The API key is not valid", EdgeHeaders.ApiKey, "the key is unknown or revoked");

    public static EdgeRefusal Forbidden(string field, string detail) => new(StatusCodes.Status403Forbidden, "Not allowed", field, detail);

    public static EdgeRefusal NotRouted(string path) => new(StatusCodes.Status404NotFound, "Not found", "path", $"nothing is served at {path}");

    public static EdgeRefusal Malformed(string field, string detail) => new(StatusCodes.Status400BadRequest, "Malformed request", field, detail);

    public async Task WriteAsync(HttpContext context, TimeSpan? retryAfter = null)
    {
        context.Response.StatusCode = Status;
        if (Status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = EdgeHeaders.ApiKeyChallenge;
        }

        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails { Status = Status, Title = Title, Detail = $"{Field}: {Detail}" };
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [Field] = [Detail] };
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
