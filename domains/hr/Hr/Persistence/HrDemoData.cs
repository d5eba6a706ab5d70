using DataMesh.DomainServices.Persistence;
using Hr.Commands;
using Hr.Model;
using Microsoft.EntityFrameworkCore;

namespace Hr.Persistence;

/// <summary>
/// Four departments and a dozen people, hired through <see cref="Workforce"/> so that finance and marketing
/// receive them as events. Fixed ids and dates: the same demo on every machine.
/// </summary>
public sealed class HrDemoData(HrDbContext db, Workforce workforce) : IDemoData
{
    public static readonly (Guid Id, string Name, string CostCenter)[] Departments =
    [
        (Guid.Parse("0d000000-0000-4000-8000-000000000100"), "Engineering", "CC-100"),
        (Guid.Parse("0d000000-0000-4000-8000-000000000200"), "People", "CC-200"),
        (Guid.Parse("0d000000-0000-4000-8000-000000000300"), "Marketing", "CC-300"),
        (Guid.Parse("0d000000-0000-4000-8000-000000000400"), "Operations", "CC-400"),
    ];

    private static readonly (int Number, string Name, string Title, int Department, decimal Salary, string HiredOn, string BirthDate)[] People =
    [
        (1, "Ada Lovelace", "Principal engineer", 0, 7800m, "2025-01-06", "1985-12-10"),
        (2, "Alan Turing", "Staff engineer", 0, 7400m, "2025-02-03", "1982-06-23"),
        (3, "Katherine Johnson", "Engineer", 0, 5600m, "2025-09-01", "1994-08-26"),
        (4, "Edsger Dijkstra", "Engineering manager", 0, 8100m, "2025-03-03", "1980-05-11"),
        (5, "Grace Hopper", "Head of people", 1, 6900m, "2025-01-06", "1979-12-09"),
        (6, "Frances Allen", "People partner", 1, 4800m, "2025-06-02", "1990-08-04"),
        (7, "Hedy Lamarr", "Head of marketing", 2, 6700m, "2025-02-03", "1984-11-09"),
        (8, "Claude Shannon", "Growth marketer", 2, 5100m, "2025-07-01", "1991-04-30"),
        (9, "Barbara Liskov", "Content lead", 2, 5300m, "2025-10-01", "1989-11-07"),
        (10, "John von Neumann", "Head of operations", 3, 7000m, "2025-01-06", "1981-12-28"),
        (11, "Radia Perlman", "Operations analyst", 3, 4900m, "2025-04-01", "1993-12-18"),
        (12, "Donald Knuth", "Office manager", 3, 4200m, "2025-05-05", "1988-01-10"),
    ];

    public Task<bool> IsPresentAsync(CancellationToken cancellationToken) => db.Departments.AnyAsync(cancellationToken);

    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        foreach (var (id, name, costCenter) in Departments)
        {
            await workforce.CreateDepartmentAsync(id, name, costCenter, cancellationToken);
        }

        foreach (var person in People)
        {
            var email = $"{person.Name.Split(' ')[0].ToLowerInvariant()}@datamesh.example";
            await workforce.HireAsync(
                Guid.Parse($"0e000000-0000-4000-8000-{person.Number:D12}"),
                person.Name,
                email,
                DateOnly.Parse(person.BirthDate, System.Globalization.CultureInfo.InvariantCulture),
                person.Title,
                Departments[person.Department].Id,
                person.Salary,
                DateOnly.Parse(person.HiredOn, System.Globalization.CultureInfo.InvariantCulture),
                cancellationToken);
        }
    }
}
