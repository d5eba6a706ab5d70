using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DataMesh.DataProducts;

/// <summary>
/// The part every domain service shares: it owns one PostgreSQL database and serves its API
/// under <c>/api/{domain}</c>, the prefix the gateway routes to it.
/// </summary>
public static class DomainServiceExtensions
{
    /// <summary>The connection name of a domain's own database, as the AppHost names it.</summary>
    public static string DatabaseConnectionName(string domain) => $"{domain}-db";

    /// <summary>The path prefix of a domain's public API.</summary>
    public static string ApiPrefix(string domain) => $"/api/{domain}";

    /// <summary>Connects the domain to its own database (with health check, tracing and metrics).</summary>
    public static IHostApplicationBuilder AddDomainDatabase(this IHostApplicationBuilder builder, string domain)
    {
        builder.AddNpgsqlDataSource(DatabaseConnectionName(domain));
        return builder;
    }

    /// <summary>
    /// Maps <c>GET /api/{domain}</c>: which domain answers and which database it owns,
    /// read from the database itself so that the answer proves the connection.
    /// </summary>
    public static RouteGroupBuilder MapDomainApi(this WebApplication app, string domain)
    {
        var api = app.MapGroup(ApiPrefix(domain));
        api.MapGet("/", async (NpgsqlDataSource dataSource, CancellationToken cancellationToken) =>
        {
            await using var command = dataSource.CreateCommand("select current_database(), current_setting('server_version')");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return TypedResults.Ok(new DomainDescription(domain, reader.GetString(0), reader.GetString(1)));
        }).WithName($"{domain}-describe");
        return api;
    }
}

/// <summary>What <c>GET /api/{domain}</c> answers.</summary>
public sealed record DomainDescription([property: MaxLength(63)] string Domain, [property: MaxLength(63)] string Database, [property: MaxLength(200)] string PostgresVersion);
