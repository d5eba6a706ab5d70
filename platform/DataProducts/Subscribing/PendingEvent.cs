using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.DataProducts.Subscribing;

/// <summary>A delivered event that passed the contract check and has a handler: what the inbox still has to apply.</summary>
/// <param name="PartitionKey">The broker's message key, else the CloudEvent subject: events of one key are applied in order.</param>
/// <param name="Trace">The trace context the publisher's relay sent it with, to link the processing to.</param>
/// <param name="KeepsData">Whether its inbox row keeps its data: it holds fields the consumer's contract version does not name.</param>
internal sealed record PendingEvent<TDbContext>(ConsumedEvent Event, string PartitionKey, ActivityContext Trace, InputPortHandler<TDbContext> Handler, bool KeepsData)
    where TDbContext : DbContext;
