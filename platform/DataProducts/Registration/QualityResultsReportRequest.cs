namespace DataMesh.DataProducts.Registration;

/// <summary>
/// What a domain service tells the catalog after it ran its contracts' ODCS <c>quality</c> rules: one entry per rule run,
/// so the catalog keeps each rule's history and marks the product's promise breached while a rule's last run failed.
/// </summary>
public sealed record QualityResultsReportRequest(string Domain, IReadOnlyList<QualityRuleResult> Results);

/// <summary>
/// One run of one quality rule of a contract version. <paramref name="RuleId"/> is stable across runs (the rule's
/// <c>id</c> or <c>name</c> in the contract, else its path such as <c>schema[0].quality[1]</c>); <paramref name="Element"/> is
/// the schema object or <c>object.property</c> the rule is on; <paramref name="Outcome"/> is <c>passed</c>, <c>failed</c>
/// or <c>error</c> (the rule could not run); <paramref name="MeasuredValue"/> is what the rule measured (a count, a
/// percentage), null on error; <paramref name="Detail"/> says what was expected or why it could not run, never data.
/// </summary>
public sealed record QualityRuleResult(
    string DataProductId,
    string ContractId,
    string ContractVersion,
    string RuleId,
    string Element,
    string Kind,
    string Outcome,
    decimal? MeasuredValue,
    string Detail,
    DateTimeOffset CheckedAt);
