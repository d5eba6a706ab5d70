namespace DataMesh.Tool;

/// <summary>What every command answers, so that CI can tell "fix the contract" from "fix the call".</summary>
public static class ExitCodes
{
    /// <summary>Nothing to report: the definitions are clean, the new version may follow, the export is written.</summary>
    public const int Clean = 0;

    /// <summary>Findings: problems in the definitions, or a new version the catalog would refuse.</summary>
    public const int Findings = 1;

    /// <summary>Unusable input: wrong arguments, a missing file, or a file the command cannot read at all.</summary>
    public const int Unusable = 2;
}
