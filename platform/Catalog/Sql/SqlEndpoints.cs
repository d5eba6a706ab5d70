using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.Registration;
using DataMesh.DataProducts.SqlPorts;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// Consumers' PostgreSQL logins (whoever manages the consumer's API keys), and the SQL grants the owning domains apply
/// (their own service credential, or an administrator).
/// </summary>
public static class SqlEndpoints
{
    /// <summary>A consumer's login, below the API prefix: read it (GET) or create it (POST).</summary>
    public const string LoginRoute = "/consumers/{id}/sql-login";

    public const string RotateRoute = LoginRoute + "/rotate";

    public const string RevokeRoute = LoginRoute + "/revoke";

    public static RouteGroupBuilder MapSql(this RouteGroupBuilder api)
    {
        api.MapGet(LoginRoute, async ([MaxLength(AccessDesk.MaxIdLength)] string id, CatalogCaller caller, SqlLogins logins, CancellationToken ct) =>
                await logins.FindAsync(id, caller, ct) is { } login ? TypedResults.Ok(login) : throw CatalogRefusal.NotFound(SqlLogins.Field, $"consumer '{id}' has no PostgreSQL login"))
            .WithName("sql-login").WithSummary("A consumer's PostgreSQL login: its role and state, never its password.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        api.MapPost(LoginRoute, async ([MaxLength(AccessDesk.MaxIdLength)] string id, CatalogCaller caller, SqlLogins logins, CancellationToken ct) =>
                TypedResults.Created($"{CatalogApi.Prefix}{LoginRoute.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal)}", await logins.CreateAsync(id, caller, ct)))
            .WithName("create-sql-login").WithSummary("Creates the consumer's PostgreSQL login role; its password is in this answer only, the catalog keeps none.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        api.MapPost(RotateRoute, async ([MaxLength(AccessDesk.MaxIdLength)] string id, CatalogCaller caller, SqlLogins logins, CancellationToken ct) =>
                TypedResults.Ok(await logins.RotateAsync(id, caller, ct)))
            .WithName("rotate-sql-login").WithSummary("Sets a new password for the consumer's PostgreSQL login, shown in this answer only; the old one opens no new session.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        api.MapPost(RevokeRoute, async ([MaxLength(AccessDesk.MaxIdLength)] string id, CatalogCaller caller, SqlLogins logins, CancellationToken ct) =>
            {
                await logins.RevokeAsync(id, caller, ct);
                return TypedResults.NoContent();
            })
            .WithName("revoke-sql-login").WithSummary("Revokes the consumer's PostgreSQL login at once; its role is dropped once the owning domains revoked its privileges.")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status503ServiceUnavailable);
        api.MapGet(CatalogRegistrationOptions.SqlGrantsRoute, async ([MaxLength(DataProductRecord.MaxIdLength)] string id, CatalogCaller caller, SqlGrants grants, CancellationToken ct) =>
                TypedResults.Ok(await grants.AnswerAsync(id, caller, ct)))
            .WithName("sql-grants").WithSummary("For the owning domain: the grants its SQL port applies (consumers with an active login).")
            .Refusals(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound).ExcludeFromDescription();
        return api;
    }
}
