using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.Registration;
using Microsoft.AspNetCore.Mvc;

namespace DataMesh.Catalog.Api;

/// <summary><c>POST /api/catalog/v1/registrations</c>: what each domain service sends at startup (see CatalogRegistration).</summary>
public static class RegistrationEndpoints
{
    public static RouteGroupBuilder MapRegistrations(this RouteGroupBuilder api)
    {
        api.MapPost("/registrations", RegisterAsync)
            .WithName("register")
            .WithSummary("Registers a domain's data product descriptors and contracts (idempotent; every version is kept).")
            .WithMetadata(new RequestSizeLimitAttribute(RegistrationRequestRules.MaxBodyBytes))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ExcludeFromDescription(); // for the mesh's own services, not a public operation
        return api;
    }

    /// <summary>A domain's service registers its own domain's data products only, proven by its credential (a domain's service is named after it).</summary>
    private static async Task<IResult> RegisterAsync(
        CatalogRegistrationRequest? request, HttpContext http, DataProductRegistry registry, ObservationStreams observations, CancellationToken cancellationToken)
    {
        var service = MeshServiceFilter.Identify(http);
        if (request?.Domain is { } domain && domain != service)
        {
            throw CatalogRefusal.Forbidden("domain", $"the {service} service registers its own domain's data products, not domain '{domain}'");
        }

        var errors = RegistrationRequestRules.Check(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        try
        {
            var receipt = await registry.RegisterAsync(request!, cancellationToken);
            // Committed: the catalog observes the new products' topics from now on, with no restart of its sidecar.
            await observations.OpenNewAsync(cancellationToken);
            return TypedResults.Ok(receipt);
        }
        catch (RegistrationRefusal refusal)
        {
            return TypedResults.Problem(
                title: refusal.Title,
                detail: string.Join(Environment.NewLine, refusal.Reasons.Select(r => $"{(r.File is null ? "" : $"{r.File}:{r.Line}:{r.Column}: ")}{r.Path}: {r.Reason}")),
                statusCode: refusal.StatusCode,
                type: refusal.Type,
                extensions: new Dictionary<string, object?> { ["errors"] = refusal.Reasons });
        }
    }
}
