namespace Aspire.Hosting;

public static class DistributedApplicationRunExtensions
{
    /// <summary>
    /// Runs the AppHost; when it refuses to start (no daprd, no PostgreSQL binaries, a bad setting),
    /// prints the one message that says why and how to fix it, instead of a stack trace, and exits with 1. Otherwise
    /// exits with <see cref="Environment.ExitCode"/>, which a failed publishing step sets.
    /// </summary>
    public static int RunOrExplain(this DistributedApplication app)
    {
        try
        {
            app.Run();
            return Environment.ExitCode;
        }
        catch (Exception exception) when (Refusal(exception) is { } refusal && !DrivenByTestHarness)
        {
            Console.Error.WriteLine($"The mesh did not start: {refusal.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Under Aspire.Hosting.Testing the test's StartAsync waits on this entry point: the refusal must reach it
    /// as an exception, or the test would wait for a start that never comes.
    /// </summary>
    private static bool DrivenByTestHarness =>
        AppDomain.CurrentDomain.GetAssemblies().Any(assembly => assembly.GetName().Name == "Aspire.Hosting.Testing");

    private static DistributedApplicationException? Refusal(Exception exception) => exception switch
    {
        DistributedApplicationException refusal => refusal,
        AggregateException { InnerExceptions: [var single] } => Refusal(single),
        _ => null,
    };
}
