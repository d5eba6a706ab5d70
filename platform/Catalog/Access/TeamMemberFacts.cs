using System.ComponentModel.DataAnnotations;

namespace DataMesh.Catalog.Access;

/// <summary>A member of a team as the catalog shows it; <paramref name="FromDescriptor"/> when a data product's descriptor names them (changed by registering it, not here).</summary>
public sealed record TeamMemberFacts([property: MaxLength(TeamDirectory.MaxUserNameLength)] string UserName, TeamRole Role, bool FromDescriptor);
