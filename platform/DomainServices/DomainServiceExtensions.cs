using System.Text.Json;
using System.Text.Json.Serialization;
using DataMesh.DataProducts;
using DataMesh.DomainServices.Concurrency;
using DataMesh.DomainServices.Idempotency;
using DataMesh.DomainServices.OpenApi;
using DataMesh.DomainServices.Persistence;
using DataMesh.DomainServices.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Scalar.AspNetCore;

namespace DataMesh.DomainServices;

/// <summary>
/// The building blocks every domain service is made of, so that the three sample domains and a forked one
/// look and behave the same: its own database through EF Core with migrations applied at startup, demo data,
/// validated requests, RFC 7807 problems for every error, optimistic concurrency and an OpenAPI document.
/// </summary>
public static class DomainServiceExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TDbContext"/> on the domain's own database (<c>{domain}-db</c>), the migration
    /// that runs before the service serves anything, the problem mappings and the OpenAPI document.
    /// </summary>
    public static IHostApplicationBuilder AddDomainService<TDbContext>(this IHostApplicationBuilder builder, string domain)
        where TDbContext : DbContext
    {
        builder.AddDomainDatabase(domain);
        builder.Services.AddDbContext<TDbContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()));

        // Platform parts that work on any domain's database (idempotency keys) ask for it by its base type.
        builder.Services.AddScoped<DbContext>(services => services.GetRequiredService<TDbContext>());

        // Registered before the data products so that the schema exists when the outbox relay starts.
        builder.Services.AddHostedService<DomainDatabaseMigration<TDbContext>>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // A number is a JSON number: the web default also reads "5400" as one, which leaves every number unbounded text.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddExceptionHandler<ConcurrencyConflictProblem>();
        builder.Services.AddExceptionHandler<ContractViolationProblem>();
        builder.Services.AddExceptionHandler<DomainRuleViolationProblem>();
        builder.Services.AddExceptionHandler<BadRequestProblem>();
        builder.Services.AddOpenApi(openApi => openApi
            .AddDocumentTransformer<EdgeSecurityDocument>()
            .AddOperationTransformer<DomainProblemsOperation>()
            .AddOperationTransformer<ListLimitOperation>()
            .AddSchemaTransformer<FormatBoundsSchema>());
        return builder;
    }

    /// <summary>Adds <typeparamref name="TDemoData"/>, written once into an empty database after the migrations.</summary>
    public static IHostApplicationBuilder AddDemoData<TDemoData>(this IHostApplicationBuilder builder)
        where TDemoData : class, IDemoData
    {
        builder.Services.AddScoped<IDemoData, TDemoData>();
        return builder;
    }

    /// <summary>
    /// Maps the health endpoints, the problem middleware, <c>GET /api/{domain}</c>, and in development the OpenAPI
    /// document (<c>/openapi/v1.json</c>) with its browsable reference (<c>/scalar</c>). Returns the
    /// <c>/api/{domain}</c> group the domain maps its API into.
    /// </summary>
    public static RouteGroupBuilder MapDomainService(this WebApplication app, string domain)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<IdempotencyKeys>();
        app.MapDefaultEndpoints();
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        return app.MapDomainApi(domain);
    }
}
