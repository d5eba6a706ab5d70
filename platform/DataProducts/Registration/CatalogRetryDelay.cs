namespace DataMesh.DataProducts.Registration;

/// <summary>
/// How long a domain's background conversations with the catalog wait after the catalog did not answer or refused for
/// now: <see cref="CatalogRegistrationOptions.MinRetryDelay"/> first, doubled at each failure up to
/// <see cref="CatalogRegistrationOptions.MaxRetryDelay"/>, and back to the first after a success. One home for the
/// shape, so registration, reports and grants back off alike.
/// </summary>
public sealed class CatalogRetryDelay(CatalogRegistrationOptions options)
{
    private TimeSpan next = options.MinRetryDelay;

    /// <summary>The wait before the next attempt after this failure; the one after it doubles.</summary>
    public TimeSpan Failed()
    {
        var wait = next;
        next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, options.MaxRetryDelay.Ticks));
        return wait;
    }

    /// <summary>The catalog answered: the next failure waits the shortest again.</summary>
    public void Succeeded() => next = options.MinRetryDelay;
}
