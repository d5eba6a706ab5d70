namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>Waits for a condition by polling it until a deadline, then fails with what was expected.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(failure());
            }

            await Task.Delay(PollInterval);
        }
    }
}
