namespace DataMesh.Tool.Test;

/// <summary>
/// The runner <c>datamesh test</c> uses: the one place to wire the quality rules' runner in once the contract library
/// has it (platform/Contracts/Quality). Until then there is none, and the command says so.
/// </summary>
public static class ContractTestRunners
{
    public static IContractTestRunner? Default => null;
}
