using DataMesh.DataProducts.Publishing;
using DataMesh.DomainServices.Calendar;
using DataMesh.DomainServices.Persistence;
using DataMesh.DomainServices.Problems;
using Hr.DataProducts;
using Hr.Model;
using Hr.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Hr.Commands;

/// <summary>
/// HR's commands: each changes the employees and publishes what changed on <c>hr.employees</c> and the
/// department's new figures on <c>hr.headcount</c> (and in its SQL port's table), all in one transaction with the outbox.
/// </summary>
public sealed class Workforce(HrDbContext db, DataProductPublisher publisher)
{
    private OutputPortPublisher EmployeeEventsPort => publisher.OutputPort(EmployeeEvents.DataProductId, EmployeeEvents.Port);

    private OutputPortPublisher HeadcountPort => publisher.OutputPort(HeadcountEvents.DataProductId, HeadcountEvents.Port);

    public async Task<Department> CreateDepartmentAsync(Guid id, string name, string costCenter, CancellationToken cancellationToken)
    {
        if (await db.Departments.AnyAsync(d => d.Name == name, cancellationToken))
        {
            throw new DomainRuleViolation("name", $"A department named '{name}' exists already.", StatusCodes.Status409Conflict);
        }

        var department = new Department { Id = id, Name = name, CostCenter = costCenter };
        db.Departments.Add(department);
        await db.SaveChangesAsync(cancellationToken);
        return department;
    }

    public Task<Employee> HireAsync(Guid id, string name, string email, DateOnly birthDate, string title, Guid departmentId, decimal monthlySalary, DateOnly hiredOn, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            var department = await DepartmentAsync(departmentId, "departmentId", ct);
            if (await db.Employees.AnyAsync(e => e.Email == email, ct))
            {
                // The address is personal data: the problem names the field, never the value.
                throw new DomainRuleViolation("email", "An employee with this e-mail exists already.", StatusCodes.Status409Conflict);
            }

            var employee = new Employee
            {
                Id = id,
                Name = name,
                Email = email,
                BirthDate = birthDate,
                Title = title,
                Department = department,
                MonthlySalary = monthlySalary,
                HiredOn = hiredOn,
                Status = EmploymentStatus.Active,
            };
            db.Employees.Add(employee);
            EmployeeEventsPort.Publish(db, nameof(EmployeeHired), id.ToString(), new EmployeeHired(
                id, name, email, birthDate, title, department.Name, department.CostCenter, monthlySalary, hiredOn));
            await db.SaveChangesAsync(ct);
            await PublishHeadcountAsync(department, Month.Of(hiredOn), ct);
            return employee;
        }, cancellationToken);

    /// <summary>Changes title, salary and department from <paramref name="effectiveOn"/>; omitted values stay.</summary>
    public Task<Employee> ChangeAsync(Employee employee, string? title, decimal? monthlySalary, Guid? departmentId, DateOnly effectiveOn, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            if (employee.Status == EmploymentStatus.Terminated)
            {
                throw new DomainRuleViolation("employeeId", $"Employee {employee.Id} left on {employee.LastDay:yyyy-MM-dd}; a former employee cannot change.", StatusCodes.Status409Conflict);
            }

            if (effectiveOn < employee.HiredOn)
            {
                throw new DomainRuleViolation("effectiveOn", $"The change cannot apply before the hire on {employee.HiredOn:yyyy-MM-dd}.");
            }

            var previousDepartment = employee.Department;
            var department = departmentId is { } moveTo ? await DepartmentAsync(moveTo, "departmentId", ct) : previousDepartment;
            employee.Title = title ?? employee.Title;
            employee.MonthlySalary = monthlySalary ?? employee.MonthlySalary;
            employee.Department = department;
            EmployeeEventsPort.Publish(db, nameof(EmployeeChanged), employee.Id.ToString(), new EmployeeChanged(
                employee.Id, employee.Title, department.Name, department.CostCenter, employee.MonthlySalary, effectiveOn));
            await db.SaveChangesAsync(ct);
            if (department.Id != previousDepartment.Id)
            {
                await PublishHeadcountAsync(previousDepartment, Month.Of(effectiveOn), ct);
                await PublishHeadcountAsync(department, Month.Of(effectiveOn), ct);
            }

            return employee;
        }, cancellationToken);

    public Task<Employee> TerminateAsync(Employee employee, TerminationReason reason, DateOnly lastDay, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            if (employee.Status == EmploymentStatus.Terminated)
            {
                throw new DomainRuleViolation("employeeId", $"Employee {employee.Id} left already, on {employee.LastDay:yyyy-MM-dd}.", StatusCodes.Status409Conflict);
            }

            if (lastDay < employee.HiredOn)
            {
                throw new DomainRuleViolation("lastDay", $"The last day cannot be before the hire on {employee.HiredOn:yyyy-MM-dd}.");
            }

            employee.Status = EmploymentStatus.Terminated;
            employee.LastDay = lastDay;
            employee.TerminationReason = reason;
            EmployeeEventsPort.Publish(db, nameof(EmployeeTerminated), employee.Id.ToString(), new EmployeeTerminated(employee.Id, reason, lastDay));
            await db.SaveChangesAsync(ct);
            await PublishHeadcountAsync(employee.Department, Month.Of(lastDay), ct);
            return employee;
        }, cancellationToken);

    private async Task<Department> DepartmentAsync(Guid id, string field, CancellationToken cancellationToken) =>
        await db.Departments.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
        ?? throw new DomainRuleViolation(field, $"No department {id}.");

    /// <summary>
    /// Publishes the department's figures as they are after the change, read inside its transaction, and keeps them in
    /// the headcount SQL port's table in the same transaction.
    /// </summary>
    private async Task PublishHeadcountAsync(Department department, Month month, CancellationToken cancellationToken)
    {
        var figures = (await db.FiguresAsync(month, department.Id, cancellationToken)).Single();
        await db.KeepHeadcountAsync(figures, cancellationToken);
        HeadcountPort.Publish(db, nameof(HeadcountChanged), $"{figures.Department}/{figures.Month}", new HeadcountChanged(
            figures.Department, figures.Month, figures.Headcount, figures.Hires, figures.Leavers));
        await db.SaveChangesAsync(cancellationToken);
    }
}
