using DataMesh.Catalog.Registry;
using DataMesh.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace DataMesh.Catalog.Tests;

/// <summary>A catalog database that kept dead letters twice before they were kept once per event still migrates.</summary>
public sealed class DeadLetterMigrationTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task Dead_letters_kept_twice_before_are_reduced_to_the_first_and_then_kept_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("catalog_migration");
        await using var db = new CatalogDbContext(new DbContextOptionsBuilder<CatalogDbContext>().UseNpgsql(connectionString).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261125062047_ObservedEventIds");
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO dead_letters ("DataProductId", "ConsumerId", "Topic", "EventId", "Reason", "ReceivedAt") VALUES
              ('hr.employees', 'finance.payroll', 't', 'bad-1', 'first', now()),
              ('hr.employees', 'finance.payroll', 't', 'bad-1', 'again', now()),
              ('hr.employees', 'marketing.team', 't', 'bad-1', 'other consumer', now()),
              ('hr.employees', 'finance.payroll', 't', '', 'no id', now()),
              ('hr.employees', 'finance.payroll', 't', '', 'no id', now())
            """);

        await db.Database.MigrateAsync();

        var kept = await db.DeadLetters.OrderBy(d => d.Id).Select(d => d.Reason).ToListAsync();
        Assert.Equal(["first", "other consumer", "no id", "no id"], kept);
        var again = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("""
            INSERT INTO dead_letters ("DataProductId", "ConsumerId", "Topic", "EventId", "Reason", "ReceivedAt")
            VALUES ('hr.employees', 'finance.payroll', 't', 'bad-1', 'third', now())
            """));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, again.SqlState);
    }
}
