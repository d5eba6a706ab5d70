namespace DataMesh.Contracts.Quality;

/// <summary>The ODCS comparison a measured value must pass; a <c>library</c> or <c>sql</c> rule states exactly one.</summary>
public enum QualityOperator
{
    MustBe,
    MustNotBe,
    MustBeGreaterThan,
    MustBeGreaterOrEqualTo,
    MustBeLessThan,
    MustBeLessOrEqualTo,

    /// <summary>Within two bounds, smaller first; ODCS documents it as greater than the first and less than the second.</summary>
    MustBeBetween,

    /// <summary>Outside the two bounds: the negation of <see cref="MustBeBetween"/>.</summary>
    MustNotBeBetween,
}
