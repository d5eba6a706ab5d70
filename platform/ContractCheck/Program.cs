namespace DataMesh.ContractCheck;

internal static class Program
{
    public static int Main(string[] args) => ContractCheckCommand.Run(args, Console.Out, Console.Error);
}
