namespace DataMesh.Contracts;

/// <summary>The ODCS server types this mesh serves a contract through.</summary>
public enum ContractServerType
{
    /// <summary>Events on a topic, published and delivered through Dapr pub/sub (Kafka behind it).</summary>
    Kafka,

    /// <summary>The HTTP query API of the producing domain.</summary>
    Api,
}
