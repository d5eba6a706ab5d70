using Microsoft.AspNetCore.Builder;

namespace DataMesh.DomainServices.Idempotency;

/// <summary>Endpoint metadata: this command honours <c>Idempotency-Key</c> (see <see cref="IdempotencyKeys"/>).</summary>
public sealed class IdempotentCommand
{
    private IdempotentCommand()
    {
    }

    internal static IdempotentCommand Instance { get; } = new();
}

public static class IdempotentCommandConventions
{
    /// <summary>Marks the endpoint as a command that a client may retry safely with an <c>Idempotency-Key</c>.</summary>
    public static TBuilder WithIdempotencyKey<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.WithMetadata(IdempotentCommand.Instance);
}
