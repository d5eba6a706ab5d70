namespace Hr.DataProducts;

/// <summary>The data product and port of the headcount figures, as <c>headcount.odps.yaml</c> declares them.</summary>
public static class HeadcountEvents
{
    public const string DataProductId = "hr.headcount";
    public const string Port = "headcount-figures";
}

/// <summary>The figures of one department and month (<c>yyyy-MM</c>), as they are after a change.</summary>
public sealed record HeadcountChanged(string Department, string Month, int Headcount, int Hires, int Leavers);
