namespace DataMesh.Catalog.Tests;

/// <summary>
/// Versions of one small contract written as text: a base version and edits of it, so that each pair of the
/// compatibility table shows exactly what changed.
/// </summary>
internal static class ContractVersions
{
    public const string Base = """
        apiVersion: v3.1.0
        kind: DataContract
        id: sales.orders.events
        version: 1.0.0
        status: active
        domain: sales
        dataProduct: sales.orders
        description:
          purpose: Orders placed.
          usage: Subscribe to follow orders.
          limitations: No returns.
        schema:
          - name: OrderPlaced
            physicalName: sales.orders.v1
            physicalType: topic
            logicalType: object
            description: A customer placed an order.
            properties:
              - name: orderId
                logicalType: string
                logicalTypeOptions:
                  format: uuid
                required: true
                primaryKey: true
                classification: internal
                description: The order.
              - name: email
                logicalType: string
                required: true
                classification: confidential
                description: Where the customer is told.
                customProperties:
                  - property: pii
                    value: true
              - name: amount
                logicalType: number
                logicalTypeOptions:
                  minimum: 0
                  maximum: 100000
                required: true
                classification: internal
                description: What the customer pays.
              - name: quantity
                logicalType: integer
                classification: internal
                description: How many items.
              - name: channel
                logicalType: string
                quality:
                  - metric: invalidValues
                    arguments:
                      validValues: [web, shop, phone]
                    mustBe: 0
                required: true
                classification: public
                description: Where the order was placed.
              - name: note
                logicalType: string
                logicalTypeOptions:
                  maxLength: 500
                classification: internal
                description: What the customer wrote.
          - name: OrderCancelled
            physicalName: sales.orders.v1
            physicalType: topic
            logicalType: object
            description: An order was cancelled.
            properties:
              - name: orderId
                logicalType: string
                required: true
                classification: internal
                description: The order.
        slaProperties:
          - property: freshness
            value: 5
            unit: min
          - property: latency
            value: 1
            unit: s
          - property: retention
            value: 2
            unit: y
        servers:
          - server: order-events
            type: kafka
            host: kafka
          - server: order-api
            type: api
            location: /api/sales/orders
        """;

    /// <summary>The base contract at <paramref name="version"/>, with each (old, new) text replaced; each old text must occur.</summary>
    public static string Edit(string version, params (string Old, string New)[] edits)
    {
        var text = Base.Replace("version: 1.0.0", $"version: {version}", StringComparison.Ordinal);
        foreach (var (old, replacement) in edits)
        {
            if (!text.Contains(old, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The base contract has no '{old}'.", nameof(edits));
            }

            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        return text;
    }
}
