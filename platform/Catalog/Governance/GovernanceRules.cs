using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Discovery;
using DataMesh.Catalog.Registry;
using DataMesh.Contracts;

namespace DataMesh.Catalog.Governance;

/// <summary>
/// What the catalog adds to the mesh's governance at registration: the names its API takes back in a request (a product's
/// id, its owner team and members, a contract's id and versions) and the examples it shows fit the bounds its document declares.
/// </summary>
/// <remarks>
/// The mesh-wide rules (owner domain, product and team, identifiers, a description and a classification on every property,
/// personal data confidential or restricted, freshness, latency and retention promises, servers, one topic) are
/// <see cref="MeshGovernance"/> in the contract library, applied by the loader the catalog reads a registration with, so
/// that `datamesh lint` reports every one of them before a registration is refused for it: a registration breaking them
/// is refused with the governance problem type, each reason naming its rule, before these rules run.
/// </remarks>
public static class GovernanceRules
{
    public const string Bounds = "bounds";

    public static IReadOnlyList<GovernanceViolation> Check(DataProductCatalogue registration)
    {
        var violations = new List<GovernanceViolation>();
        foreach (var product in registration.DataProducts)
        {
            CheckLength(violations, product.Source, "id", product.Id, DataProductRecord.MaxIdLength);
            CheckLength(violations, product.Source, "version", product.Version.ToString(), ContractVersionRecord.MaxVersionLength);
            CheckLength(violations, product.Source, "team.name", product.Team.Name, TeamDirectory.MaxNameLength);
            foreach (var member in product.Team.Members)
            {
                CheckLength(violations, product.Source, "team.members", member.Username, TeamDirectory.MaxUserNameLength);
            }
        }

        foreach (var contract in registration.Contracts)
        {
            CheckLength(violations, contract.Source, "id", contract.Id, ContractVersionRecord.MaxIdLength);
            CheckLength(violations, contract.Source, "version", contract.Version.ToString(), ContractVersionRecord.MaxVersionLength);
            foreach (var example in contract.Schema.SelectMany(schemaObject => schemaObject.Examples))
            {
                CheckLength(violations, contract.Source, "examples", EventTypeFacts.ExampleJson(example.Value), RegistrationRequestRules.MaxFileChars);
            }
        }

        return violations;
    }

    private static void CheckLength(List<GovernanceViolation> violations, DefinitionSource source, string field, string value, int maxLength)
    {
        if (value.Length > maxLength)
        {
            violations.Add(new(Bounds, source.Error(field, $"is {value.Length} characters long; the catalog takes at most {maxLength}")));
        }
    }
}
