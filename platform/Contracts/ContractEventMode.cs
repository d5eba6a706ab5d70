namespace DataMesh.Contracts;

/// <summary>Which side of a contract checks an event, and so how strict it is about fields the contract does not name.</summary>
public enum ContractEventMode
{
    /// <summary>
    /// A producer's check: a field the contract does not name is refused, since it is either a typo or data the
    /// contract never promised, possibly personal data.
    /// </summary>
    Publishing,

    /// <summary>
    /// A consumer's check against its own copy of the upstream contract: the fields it knows keep every rule, fields it
    /// does not know are ignored, since a later minor version of the contract may add optional properties.
    /// </summary>
    Reading,
}
