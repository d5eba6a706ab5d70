namespace DataMesh.Testing;

/// <summary>The part of hr.employees' <c>EmployeeHired</c> that finance reads.</summary>
public sealed record HiredEvent(Guid EmployeeId, decimal Salary);

/// <summary>The part of hr.employees' <c>EmployeeChanged</c> that finance reads.</summary>
public sealed record ChangedEvent(Guid EmployeeId, decimal Salary);

/// <summary>A complete <c>EmployeeHired</c> of contract hr.employees.events 1.0.0, with every required field.</summary>
public sealed record NewHire(Guid EmployeeId, string Name, string Email, string BirthDate, decimal Salary, string Currency, string HiredOn)
{
    public static NewHire For(Guid employeeId) => new(employeeId, "Ada Lovelace", "ada@example.com", "1815-12-10", 5400.50m, "EUR", "2024-03-01");
}
