namespace DataMesh.Testing;

/// <summary>What the finance handler writes per applied event: duplicates would show as extra rows, and the identity <c>Id</c> is the order of application.</summary>
public sealed class PayrollEntry
{
    public long Id { get; set; }

    public Guid EmployeeId { get; set; }

    public required string EventType { get; set; }

    public required string EventId { get; set; }

    public decimal Salary { get; set; }
}
