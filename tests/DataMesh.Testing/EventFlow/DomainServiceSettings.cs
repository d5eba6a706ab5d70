using DataMesh.DataProducts.Registration;
using DataMesh.DataProducts.Subscribing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace DataMesh.Testing.EventFlow;

/// <summary>How a test or the bench runs a <see cref="DomainService"/>; everything else is as production wires it.</summary>
public sealed record DomainServiceSettings
{
    /// <summary>More data product options (relay timings, batch sizes) after the definitions folder and pub/sub name.</summary>
    public Action<DataProductsOptions>? Configure { get; init; }

    /// <summary>An interceptor on the service's DbContext, e.g. one that stamps or fails commands.</summary>
    public IInterceptor? Interceptor { get; init; }

    /// <summary>The service's log on the console from this level on; none when null.</summary>
    public LogLevel? ConsoleLogLevel { get; init; }

    /// <summary>Where the service's log also goes, e.g. a <see cref="CapturedLog"/> a test reads.</summary>
    public ILoggerProvider? Log { get; init; }

    /// <summary>Finance only: when true for an event, its handler throws (a failure that is not the event's fault, so it is retried).</summary>
    public Func<ConsumedEvent, bool>? FailsTransiently { get; init; }
}
