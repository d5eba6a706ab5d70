namespace DataMesh.Catalog.Api;

/// <summary>What an operation that takes a <see cref="Access.CatalogCaller"/> declares it can answer.</summary>
public static class CallerRefusals
{
    /// <summary>The problems the operation can answer: 401 (who are you) and 403 (not allowed) always, and those given.</summary>
    public static RouteHandlerBuilder Refusals(this RouteHandlerBuilder builder, params int[] statusCodes) =>
        builder.Answers([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, .. statusCodes]);
}
