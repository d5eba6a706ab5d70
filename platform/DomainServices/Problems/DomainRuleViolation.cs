using Microsoft.AspNetCore.Http;

namespace DataMesh.DomainServices.Problems;

/// <summary>
/// A command the domain refuses: what it asks contradicts the domain's state or rules (an unknown department,
/// a budget exceeded). Answered as an RFC 7807 problem naming <see cref="Field"/>; nothing was written.
/// </summary>
public sealed class DomainRuleViolation(string field, string message, int statusCode = StatusCodes.Status422UnprocessableEntity, IReadOnlyDictionary<string, object?>? facts = null)
    : InvalidOperationException(message)
{
    public string Field { get; } = field;

    public int StatusCode { get; } = statusCode;

    /// <summary>What a client needs to act on the refusal, e.g. the amount that remains; added to the problem.</summary>
    public IReadOnlyDictionary<string, object?> Facts { get; } = facts ?? new Dictionary<string, object?>();

    public static DomainRuleViolation NotFound(string field, string entity, object id) =>
        new(field, $"No {entity} {id}.", StatusCodes.Status404NotFound);
}
