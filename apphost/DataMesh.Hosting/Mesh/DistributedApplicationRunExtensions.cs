namespace Aspire.Hosting;

public static class DistributedApplicationRunExtensions
{
    /// <summary>
    /// Runs the AppHost; when it refuses to start (no daprd, no PostgreSQL binaries, a bad setting),
    /// prints the one message that says why and how to fix it, instead of a stack trace, and exits with 1.
    /// </summary>
    public static int RunOrExplain(this DistributedApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (Exception exception) when (Refusal(exception) is { } refusal)
        {
            Console.Error.WriteLine($"The mesh did not start: {refusal.Message}");
            return 1;
        }
    }

    private static DistributedApplicationException? Refusal(Exception exception) => exception switch
    {
        DistributedApplicationException refusal => refusal,
        AggregateException { InnerExceptions: [var single] } => Refusal(single),
        _ => null,
    };
}
