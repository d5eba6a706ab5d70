namespace DaprSidecarStandIn.Tests;

/// <summary>What the subscriber app answers to one delivery, after <see cref="Delay"/>.</summary>
public sealed record AppAnswer(int StatusCode, string? Body)
{
    public TimeSpan Delay { get; init; }

    /// <summary>A 200 whose status is written as given (e.g. in lower case, or empty).</summary>
    public static AppAnswer Status(string status) => new(200, $$"""{"status":"{{status}}"}""");

    public static AppAnswer Success { get; } = new(200, """{"status":"SUCCESS"}""");

    public static AppAnswer Retry { get; } = new(200, """{"status":"RETRY"}""");

    public static AppAnswer Drop { get; } = new(200, """{"status":"DROP"}""");

    public static AppAnswer EmptyOk { get; } = new(200, null);

    public static AppAnswer NotFound { get; } = new(404, null);

    public static AppAnswer ServerError { get; } = new(500, null);
}
