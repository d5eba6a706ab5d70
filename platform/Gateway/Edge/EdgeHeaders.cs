namespace DataMesh.Gateway.Edge;

/// <summary>The headers the edge reads and writes.</summary>
public static class EdgeHeaders
{
    public const string ApiKey = MeshHeaders.ApiKey;

    /// <summary>The challenge of every 401 (RFC 9110 asks for one): the key goes in the <see cref="ApiKey"/> header.</summary>
    public const string ApiKeyChallenge = $"ApiKey header=\"{ApiKey}\"";

    /// <summary>Set by the gateway for the destination (any value a client sends is dropped): who called.</summary>
    public const string Consumer = MeshHeaders.Consumer;

    /// <summary>Set by the gateway for the destination: the caller's team.</summary>
    public const string Team = MeshHeaders.Team;

    /// <summary>On a masked answer: the properties whose values were masked.</summary>
    public const string Masked = "X-DataMesh-Masked";
}
