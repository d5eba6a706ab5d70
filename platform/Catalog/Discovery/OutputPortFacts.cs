using System.ComponentModel.DataAnnotations;
using DataMesh.DomainServices.Paging;

namespace DataMesh.Catalog.Discovery;

/// <summary>An output port with the contract version it offers: where the data is, its schema, its promises and the contract's newest versions.</summary>
[ReadFromDefinitions]
public sealed record OutputPortFacts(
    string Name,
    string Description,
    string ContractId,
    string ContractVersion,
    string? Topic,
    string? QueryLocation,
    IReadOnlyList<PromiseFacts> Promises,
    IReadOnlyList<EventTypeFacts> EventTypes,
    [property: MaxLength(ListLimit.MaxItems)] IReadOnlyList<VersionFacts> ContractVersions);
