using Microsoft.OpenApi;

namespace DataMesh.DomainServices.OpenApi;

/// <summary>An RFC 7807 problem as a documented response.</summary>
public static class ProblemResponses
{
    private const string ProblemMediaType = "application/problem+json";

    public static void Add(OpenApiResponses responses, int status, string description, bool retryAfter = false)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses.ContainsKey(key))
        {
            return;
        }

        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } },
            },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before the next request.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "3600" },
                },
            };
        }

        responses[key] = response;
    }
}
