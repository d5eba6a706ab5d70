using System.ComponentModel.DataAnnotations;
using DataMesh.Catalog.Observations;
using DataMesh.Catalog.Registry;
using DataMesh.DataProducts.Registration;

namespace DataMesh.Catalog.Discovery;

/// <summary>One run of a quality rule: passed, failed or error (could not run), what it measured and what it said.</summary>
public sealed record QualityRunFacts(
    [property: MaxLength(QualityResultRecord.MaxOutcomeLength)] string Outcome,
    decimal? MeasuredValue,
    [property: MaxLength(QualityRuleResult.MaxDetailLength)] string Detail,
    [property: MaxLength(ContractVersionRecord.MaxVersionLength)] string ContractVersion,
    DateTimeOffset CheckedAt)
{
    public static QualityRunFacts Of(QualityResultRecord run) => new(run.Outcome, run.MeasuredValue, run.Detail, run.ContractVersion, run.CheckedAt);
}
