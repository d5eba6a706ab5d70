namespace DataMesh.Contracts.Compatibility;

/// <summary>What a change did to an element of the contract, as a changelog groups it.</summary>
public enum ChangeAction
{
    /// <summary>The element is new (an event type, a property, an allowed value, a promise).</summary>
    Added,

    /// <summary>The element is gone.</summary>
    Removed,

    /// <summary>The element is in both versions and differs (type, requiredness, classification, bounds, wording).</summary>
    Changed,
}
