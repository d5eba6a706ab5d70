using DataMesh.Contracts.Quality;

namespace DataMesh.DataProducts.Tests.Quality;

/// <summary>Each ODCS operator against values below, on and above its bound(s).</summary>
public sealed class QualityThresholdTests
{
    [Theory]
    [InlineData(QualityOperator.MustBe, 5, null, new[] { 4.0, 5.0, 6.0 }, new[] { false, true, false })]
    [InlineData(QualityOperator.MustNotBe, 5, null, new[] { 4.0, 5.0, 6.0 }, new[] { true, false, true })]
    [InlineData(QualityOperator.MustBeGreaterThan, 5, null, new[] { 4.0, 5.0, 6.0 }, new[] { false, false, true })]
    [InlineData(QualityOperator.MustBeGreaterOrEqualTo, 5, null, new[] { 4.0, 5.0, 6.0 }, new[] { false, true, true })]
    [InlineData(QualityOperator.MustBeLessThan, 5, null, new[] { 4.0, 5.0, 6.0 }, new[] { true, false, false })]
    [InlineData(QualityOperator.MustBeLessOrEqualTo, 5, null, new[] { 4.0, 5.0, 6.0 }, new[] { true, true, false })]
    // ODCS: mustBeBetween [a, b] is mustBeGreaterThan a and mustBeLessThan b, so the bounds themselves fail.
    [InlineData(QualityOperator.MustBeBetween, 0.0, 10.0, new[] { -1.0, 0.0, 0.5, 9.99, 10.0, 11.0 }, new[] { false, false, true, true, false, false })]
    [InlineData(QualityOperator.MustNotBeBetween, 0.0, 10.0, new[] { -1.0, 0.0, 0.5, 9.99, 10.0, 11.0 }, new[] { true, true, false, false, true, true })]
    public void An_operator_is_met_exactly_where_the_standard_says(QualityOperator op, double value, double? upper, double[] measured, bool[] met)
    {
        var threshold = new QualityThreshold(op, (decimal)value, (decimal?)upper);

        Assert.Equal(met, measured.Select(m => threshold.IsMet((decimal)m)).ToArray());
    }

    [Fact]
    public void A_threshold_prints_as_the_contract_writes_it()
    {
        Assert.Equal("mustBeLessThan 1.5", new QualityThreshold(QualityOperator.MustBeLessThan, 1.5m).ToString());
        Assert.Equal("mustNotBeBetween [0, 10]", new QualityThreshold(QualityOperator.MustNotBeBetween, 0, 10).ToString());
    }
}
