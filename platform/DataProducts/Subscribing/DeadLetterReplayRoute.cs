namespace DataMesh.DataProducts.Subscribing;

/// <summary>
/// The catalog's operation that replays every dead letter of a consuming product: the catalog maps it, the AppHost's
/// dashboard command of each domain calls it (with the domain's service credential).
/// </summary>
public static class DeadLetterReplayRoute
{
    /// <summary>The path below the catalog API's version prefix.</summary>
    public const string Pattern = "/products/{consumerId}/dead-letters/replay";

    /// <summary>The catalog API's version prefix (the catalog's <c>CatalogApi.Prefix</c> is this).</summary>
    public const string ApiPrefix = "/api/catalog/v1";

    public static string For(string consumerId) => $"{ApiPrefix}{Pattern.Replace("{consumerId}", Uri.EscapeDataString(consumerId), StringComparison.Ordinal)}";
}
