using System.Globalization;

namespace DataMesh.Contracts.Quality;

/// <summary>
/// A rule's operator and the value(s) it compares with. <see cref="Upper"/> is set only for the two range operators.
/// ODCS documents <c>mustBeBetween: [a, b]</c> as the same as <c>mustBeGreaterThan: a</c> and <c>mustBeLessThan: b</c>,
/// so both bounds are exclusive; <c>mustNotBeBetween</c> is its negation (the bounds themselves pass).
/// </summary>
public sealed record QualityThreshold(QualityOperator Operator, decimal Value, decimal? Upper = null)
{
    /// <summary>The operators as ODCS spells them, each the key of its field in a rule.</summary>
    public static IReadOnlyDictionary<string, QualityOperator> Fields { get; } =
        Enum.GetValues<QualityOperator>().ToDictionary(o => char.ToLowerInvariant(o.ToString()[0]) + o.ToString()[1..], o => o);

    /// <summary>Whether <paramref name="measured"/> keeps the promise.</summary>
    public bool IsMet(decimal measured) => Operator switch
    {
        QualityOperator.MustBe => measured == Value,
        QualityOperator.MustNotBe => measured != Value,
        QualityOperator.MustBeGreaterThan => measured > Value,
        QualityOperator.MustBeGreaterOrEqualTo => measured >= Value,
        QualityOperator.MustBeLessThan => measured < Value,
        QualityOperator.MustBeLessOrEqualTo => measured <= Value,
        QualityOperator.MustBeBetween => measured > Value && measured < UpperBound,
        QualityOperator.MustNotBeBetween => !(measured > Value && measured < UpperBound),
        _ => throw new InvalidOperationException($"Unknown operator {Operator}."),
    };

    private decimal UpperBound => Upper ?? throw new InvalidOperationException($"{Operator} needs two bounds.");

    /// <summary>The threshold as the contract writes it, e.g. <c>mustBeLessThan 5</c> or <c>mustBeBetween [1, 10]</c>.</summary>
    public override string ToString()
    {
        var name = Fields.First(f => f.Value == Operator).Key;
        return Upper is null
            ? $"{name} {Value.ToString(CultureInfo.InvariantCulture)}"
            : $"{name} [{Value.ToString(CultureInfo.InvariantCulture)}, {Upper.Value.ToString(CultureInfo.InvariantCulture)}]";
    }
}
