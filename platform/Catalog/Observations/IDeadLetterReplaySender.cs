namespace DataMesh.Catalog.Observations;

/// <summary>Sends a kept CloudEvent, as it is (same id), to a consumer's replay topic.</summary>
public interface IDeadLetterReplaySender
{
    /// <exception cref="HttpRequestException">The sidecar did not take it.</exception>
    Task SendAsync(string replayTopic, string cloudEvent, CancellationToken cancellationToken);
}
