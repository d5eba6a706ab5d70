namespace DataMesh.DataProducts.Registration;

/// <summary>
/// What a domain service tells the catalog after it ran its contracts' ODCS <c>quality</c> rules: one entry per rule run,
/// so the catalog keeps each rule's history and marks the product's promise breached while a rule's last run failed.
/// </summary>
public sealed record QualityResultsReportRequest(string Domain, IReadOnlyList<QualityRuleResult> Results)
{
    /// <summary>The most rule runs one report may carry; a domain with more (runs kept while the catalog was away) sends several reports.</summary>
    public const int MaxResults = 1000;
}

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
    DateTimeOffset CheckedAt)
{
    /// <summary>The rule held.</summary>
    public const string Passed = "passed";

    /// <summary>The rule ran and did not hold: the product's promise is breached until it passes again.</summary>
    public const string Failed = "failed";

    /// <summary>The rule could not run (the query failed, the table is missing): the promise is not shown to hold, so breached too.</summary>
    public const string Error = "error";

    /// <summary>The outcomes a result may carry.</summary>
    public static readonly IReadOnlyList<string> Outcomes = [Passed, Failed, Error];

    /// <summary>The catalog's bounds, so a reporting domain cuts its texts before sending (the catalog refuses longer ones).</summary>
    public const int MaxRuleIdLength = 200;

    public const int MaxElementLength = 400;

    public const int MaxKindLength = 64;

    public const int MaxDetailLength = 2000;
}
