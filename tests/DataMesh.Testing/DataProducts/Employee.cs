namespace DataMesh.Testing;

/// <summary>HR's domain change: each <c>EmployeeHired</c> event reports one, written in the same transaction.</summary>
public sealed class Employee
{
    public Guid Id { get; set; }

    public required string Email { get; set; }
}
