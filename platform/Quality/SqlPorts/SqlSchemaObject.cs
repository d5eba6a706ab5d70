namespace DataMesh.Quality.SqlPorts;

/// <summary>
/// One table or view as the schema check compares it, read from the database or projected from a SQL port's contract
/// (<see cref="SqlPortSchemaCheck.Expected"/>): its name in the port's schema, whether it is a table or a view, and its
/// columns in order.
/// </summary>
public sealed record SqlSchemaObject(string Name, string Kind, IReadOnlyList<SqlSchemaColumn> Columns);

/// <summary>
/// A column: its name, its PostgreSQL type in <see cref="SqlPortTypes.Canonical"/> form, whether it is NOT NULL
/// (<see cref="Required"/>) and part of the primary key.
/// </summary>
public sealed record SqlSchemaColumn(string Name, string Type, bool Required, bool PrimaryKey);
