using Domain1.Model;

namespace Domain1.Api;

/// <summary>One of the product1 as the API shows it.</summary>
public sealed record Entity1View(Guid Id, string Name, decimal Amount, DateOnly RecordedOn, Entity1Status Status, DateOnly? ClosedOn)
{
    public static Entity1View Of(Entity1 e) => new(e.Id, e.Name, e.Amount, e.RecordedOn, e.Status, e.ClosedOn);
}
