namespace Hr.Model;

/// <summary>Someone the company employs or employed.</summary>
public sealed class Employee
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public DateOnly BirthDate { get; set; }

    public required string Title { get; set; }

    public Guid DepartmentId { get; set; }

    public Department Department { get; set; } = null!;

    /// <summary>Monthly gross salary in EUR.</summary>
    public decimal MonthlySalary { get; set; }

    public DateOnly HiredOn { get; init; }

    public EmploymentStatus Status { get; set; }

    public DateOnly? LastDay { get; set; }

    public TerminationReason? TerminationReason { get; set; }

    /// <summary>PostgreSQL's xmin: the ETag of optimistic concurrency.</summary>
    public uint Version { get; set; }
}
