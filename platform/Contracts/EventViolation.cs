namespace DataMesh.Contracts;

/// <summary>
/// How an event breaks its contract: the field as a property path (<c>address.lines[0]</c>, <c>$</c> for the
/// event itself), the same place as a JSON pointer, and why.
/// </summary>
public sealed record EventViolation(string Field, string Pointer, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
