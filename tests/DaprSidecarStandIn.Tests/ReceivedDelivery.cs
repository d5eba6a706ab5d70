using System.Text.Json.Nodes;

namespace DaprSidecarStandIn.Tests;

/// <summary>One POST the sidecar made to the subscriber app, as the app saw it.</summary>
public sealed record ReceivedDelivery(string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, JsonObject Body, int Attempt, DateTimeOffset At)
{
    public string? Id => Body["id"]?.GetValue<string>();

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
