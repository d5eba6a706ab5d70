using DataMesh.DataProducts.Registration;

namespace DataMesh.Catalog.Observations;

/// <summary>
/// One run of one quality rule of a data product's contract, as the owning domain reported it. A rule is the product,
/// the contract and the rule's id; the contract version is the one the rule ran against. The newest
/// <see cref="KeptRuns"/> runs of each rule are kept, older ones are deleted when a newer one arrives.
/// </summary>
public sealed class QualityResultRecord
{
    /// <summary>How many runs of one rule the catalog keeps: about a day of a rule run every quarter of an hour.</summary>
    public const int KeptRuns = 100;

    /// <summary>The longest outcome: the longest of <see cref="QualityRuleResult.Outcomes"/>.</summary>
    public const int MaxOutcomeLength = 16;

    public long Id { get; set; }

    public required string DataProductId { get; set; }

    public required string ContractId { get; set; }

    public required string ContractVersion { get; set; }

    public required string RuleId { get; set; }

    /// <summary>The schema object or <c>object.property</c> the rule is on.</summary>
    public required string Element { get; set; }

    /// <summary>The rule's ODCS type (<c>library</c>, <c>sql</c>, ...), as the domain named it.</summary>
    public required string Kind { get; set; }

    /// <summary><see cref="QualityRuleResult.Passed"/>, <see cref="QualityRuleResult.Failed"/> or <see cref="QualityRuleResult.Error"/>.</summary>
    public required string Outcome { get; set; }

    public decimal? MeasuredValue { get; set; }

    public required string Detail { get; set; }

    /// <summary>When the domain ran the rule; one run per rule and instant (a report sent again adds nothing).</summary>
    public DateTimeOffset CheckedAt { get; set; }

    public DateTimeOffset ReportedAt { get; set; }

    /// <summary>Whether the run keeps the product's promise: only a passed rule does, an error shows nothing held.</summary>
    public bool Holds => Outcome == QualityRuleResult.Passed;
}
