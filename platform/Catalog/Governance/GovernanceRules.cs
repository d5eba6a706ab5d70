using DataMesh.DataProducts.Contracts;

namespace DataMesh.Catalog.Governance;

/// <summary>
/// The federated governance the catalog applies to every registration, beyond what makes a file valid:
/// consumers must know who owns a product and what every field means and how sensitive it is, and every
/// output port must promise how fresh its data is and how long it is kept.
/// </summary>
/// <remarks>
/// The shared loader already refuses a descriptor without an owner team, a property without a
/// classification, personal data that is not confidential or restricted, and a contract without freshness
/// and retention; a registration breaking those is refused as invalid (422) naming the file, line and field,
/// before these rules run. What is left for the catalog: the contracts speak for the owner team, and every
/// property (nested ones too) says what it means.
/// </remarks>
public static class GovernanceRules
{
    public const string OwnerTeam = "owner-team";
    public const string PropertyDescription = "property-description";

    public static IReadOnlyList<GovernanceViolation> Check(DataProductCatalogue registration)
    {
        var violations = new List<GovernanceViolation>();
        foreach (var product in registration.DataProducts)
        {
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

        return violations;
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
