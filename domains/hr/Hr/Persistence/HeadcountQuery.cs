using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Paging;
using Hr.Model;
using Microsoft.EntityFrameworkCore;

namespace Hr.Persistence;

/// <summary>Counts the headcount figures of a month from the employees table, in the database.</summary>
public static class HeadcountQuery
{
    public static async Task<IReadOnlyList<HeadcountFigures>> FiguresAsync(this HrDbContext db, Month month, Guid? departmentId, CancellationToken cancellationToken)
    {
        var (first, last) = (month.FirstDay, month.LastDay);
        var departments = db.Departments.Where(d => departmentId == null || d.Id == departmentId);
        return await departments
            .OrderBy(d => d.Name)
            .Bounded()
            .Select(d => new HeadcountFigures(
                d.Name,
                month.ToString(),
                db.Employees.Count(e => e.DepartmentId == d.Id && e.HiredOn <= last && (e.LastDay == null || e.LastDay >= last)),
                db.Employees.Count(e => e.DepartmentId == d.Id && e.HiredOn >= first && e.HiredOn <= last),
                db.Employees.Count(e => e.DepartmentId == d.Id && e.LastDay >= first && e.LastDay <= last)))
            .ToListAsync(cancellationToken);
    }
}
