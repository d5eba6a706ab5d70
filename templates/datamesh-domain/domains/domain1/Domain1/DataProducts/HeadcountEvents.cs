namespace Domain1.DataProducts;

/// <summary>The input port <c>hr.headcount</c> arrives on, as <c>product1.odps.yaml</c> declares it.</summary>
public static class HeadcountEvents
{
    public const string InputPort = "headcount";
    public const string Changed = "HeadcountChanged";
}

/// <summary>The domain's reading of HR's <c>HeadcountChanged</c> (contract <c>hr.headcount.figures</c> 1.0.0).</summary>
public sealed record HeadcountFigures(string Department, string Month, int Headcount, int Hires, int Leavers);
