using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.Registration;

namespace DataMesh.Catalog.Discovery;

/// <summary>
/// One quality rule of a contract the product offers, as its domain last reported it: where it is, what kind, its last
/// run (the outcome that keeps or breaks the promise) and its newest runs (<see cref="RecentRunCount"/>, newest first).
/// </summary>
public sealed record QualityRuleFacts(
    [property: MaxLength(ContractVersionRecord.MaxIdLength)] string ContractId,
    [property: MaxLength(ContractVersionRecord.MaxVersionLength)] string ContractVersion,
    [property: MaxLength(QualityRuleResult.MaxRuleIdLength)] string RuleId,
    [property: MaxLength(QualityRuleResult.MaxElementLength)] string Element,
    [property: MaxLength(QualityRuleResult.MaxKindLength)] string Kind,
    QualityRunFacts Last,
    [property: MaxLength(QualityRuleFacts.RecentRunCount)] IReadOnlyList<QualityRunFacts> Recent)
{
    /// <summary>How many of a rule's newest runs its facts and the product page show (the catalog keeps <see cref="QualityResultRecord.KeptRuns"/>).</summary>
    public const int RecentRunCount = 20;
}
