using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Discovery;
using DataMesh.Catalog.Registry;
using DataMesh.Contracts;

namespace DataMesh.Catalog.Governance;

/// <summary>
/// The federated governance the catalog applies to every registration, beyond what makes a file valid:
/// consumers must know who owns a product and what every field means and how sensitive it is, and every
/// output port must promise how fresh its data is and how long it is kept.
/// </summary>
/// <remarks>
/// The mesh-wide rules (owner domain and product, identifiers, a classification on every property, personal data
/// confidential or restricted, freshness, latency and retention promises, one kafka and one api server, one topic)
/// are <see cref="MeshGovernance"/> in the contract library, applied by the loader the catalog reads a registration
/// with: a registration breaking them is refused with the governance problem type, each reason naming its rule,
/// before these rules run. What is left for the catalog: the contracts speak for the owner team, and every
/// property (nested ones too) says what it means; and the names the catalog's API takes back in a request (a product's
/// id, its owner team and members, a contract's id and versions) and the examples it shows fit the bounds its document declares.
/// </remarks>
public static class GovernanceRules
{
    public const string OwnerTeam = "owner-team";
    public const string PropertyDescription = "property-description";
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

            foreach (var contract in registration.ContractsOffered(product))
            {
                if (contract.Team is { } team && team.Name != product.Team.Name)
                {
                    violations.Add(new(OwnerTeam, contract.Source.Error("team", $"names team '{team.Name}' but data product {product.Id} is owned by '{product.Team.Name}'")));
                }

                foreach (var schemaObject in contract.Schema)
                {
                    CheckProperties(schemaObject.Properties, violations);
                }
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

    private static void CheckProperties(IReadOnlyList<SchemaProperty> properties, List<GovernanceViolation> violations)
    {
        foreach (var property in properties)
        {
            if (string.IsNullOrWhiteSpace(property.Description))
            {
                violations.Add(new(PropertyDescription, property.Source.Error("description", $"property '{property.Name}' has no description; consumers need to know what it means")));
            }

            CheckProperties(property.Properties, violations);
            if (property.Items is { } items)
            {
                CheckProperties(items.Properties, violations);
            }
        }
    }
}
