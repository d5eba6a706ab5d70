using DataMesh.DataProducts.Publishing;
using DataMesh.DomainServices.Problems;
using Domain1.DataProducts;
using Domain1.Model;
using Domain1.Persistence;

namespace Domain1.Commands;

/// <summary>
/// The domain's commands: each changes its product1 and publishes what changed on <c>domain1.product1</c>, in
/// one transaction with the outbox (the relay sends it to the sidecar after the commit).
/// </summary>
public sealed class Entity1Book(Domain1DbContext db, DataProductPublisher publisher)
{
    private OutputPortPublisher Product1Port => publisher.OutputPort(Product1Events.DataProductId, Product1Events.Port);

    public async Task<Entity1> RecordAsync(Guid id, string name, decimal amount, DateOnly recordedOn, CancellationToken cancellationToken)
    {
        var entity1 = new Entity1 { Id = id, Name = name, Amount = amount, RecordedOn = recordedOn, Status = Entity1Status.Open };
        db.Product1.Add(entity1);
        Product1Port.Publish(db, nameof(Entity1Recorded), id.ToString(), new Entity1Recorded(id, name, amount, recordedOn));
        await db.SaveChangesAsync(cancellationToken);
        return entity1;
    }

    public async Task<Entity1> CloseAsync(Entity1 entity1, DateOnly closedOn, CancellationToken cancellationToken)
    {
        if (entity1.Status == Entity1Status.Closed)
        {
            throw new DomainRuleViolation("id", $"{nameof(Entity1)} {entity1.Id} was closed already, on {entity1.ClosedOn:yyyy-MM-dd}.", StatusCodes.Status409Conflict);
        }

        if (closedOn < entity1.RecordedOn)
        {
            throw new DomainRuleViolation("closedOn", $"It was recorded on {entity1.RecordedOn:yyyy-MM-dd}; it cannot close before.");
        }

        entity1.Status = Entity1Status.Closed;
        entity1.ClosedOn = closedOn;
        Product1Port.Publish(db, nameof(Entity1Closed), entity1.Id.ToString(), new Entity1Closed(entity1.Id, closedOn));
        await db.SaveChangesAsync(cancellationToken);
        return entity1;
    }
}
