namespace Domain1.DataProducts;

/// <summary>The data product and port the product1 events are published on, as <c>product1.odps.yaml</c> declares them.</summary>
public static class Product1Events
{
    public const string DataProductId = "domain1.product1";
    public const string Port = "product1-events";
}

public sealed record Entity1Recorded(Guid Entity1Id, string Name, decimal Amount, DateOnly RecordedOn);

public sealed record Entity1Closed(Guid Entity1Id, DateOnly ClosedOn);
