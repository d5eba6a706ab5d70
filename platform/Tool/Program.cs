namespace DataMesh.Tool;

internal static class Program
{
    public static int Main(string[] args) => DataMeshCommand.Run(args, Console.Out, Console.Error, Styles.ForConsole());
}
