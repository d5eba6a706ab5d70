using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DataMesh.DataProducts.SqlPorts.Grants;

/// <summary>
/// Takes the catalog's <see cref="SqlGrantChanged"/> events the sidecar delivers (a subscription to
/// <see cref="SqlGrantChanged.Topic"/> only a domain with SQL ports has): one for one of the domain's products nudges the
/// reconciliation; one for another domain's product is acknowledged and ignored. Either way the answer is SUCCESS at once:
/// the event carries no privileges, so there is nothing to retry; a delivery that is not such an event is dropped.
/// </summary>
public sealed class SqlGrantChangedDelivery(DomainSqlPorts ports, SqlGrantsNudge nudge, ILogger<SqlGrantChangedDelivery> logger)
{
    /// <summary>The route the sidecar delivers the events to.</summary>
    public const string Route = "/dataproducts/sql-grants";

    public async Task<IResult> DeliverAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        SqlGrantChanged? changed = null;
        try
        {
            using var cloudEvent = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (cloudEvent.RootElement.ValueKind == JsonValueKind.Object && cloudEvent.RootElement.TryGetProperty("data", out var data))
            {
                changed = data.Deserialize<SqlGrantChanged>(JsonSerializerOptions.Web);
            }
        }
        catch (JsonException)
        {
        }

        if (changed is not { DataProductId.Length: > 0 })
        {
            logger.LogWarning("Dropped a delivery to {Route}: not a CloudEvent whose data is a {Event}.", Route, nameof(SqlGrantChanged));
            return Results.Json(new { status = "DROP" });
        }

        if (ports.Serves(changed.DataProductId))
        {
            nudge.Notify();
        }

        return Results.Json(new { status = "SUCCESS" });
    }
}
