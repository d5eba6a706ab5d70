namespace Hr.Model;

/// <summary>A department of the company and the finance cost center it books on.</summary>
public sealed class Department
{
    public Guid Id { get; init; }

    public required string Name { get; set; }

    /// <summary>Finance's code for the cost center, e.g. <c>CC-100</c>.</summary>
    public required string CostCenter { get; set; }
}
