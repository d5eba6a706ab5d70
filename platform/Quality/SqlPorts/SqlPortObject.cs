namespace DataMesh.Quality.SqlPorts;

/// <summary>
/// One table or view of a SQL output port as its contract describes it (or as the database has it): its name in the
/// port's schema, whether it is a table or a view, and its columns in the contract's order.
/// </summary>
public sealed record SqlPortObject(string Name, string Kind, IReadOnlyList<SqlPortColumn> Columns);

/// <summary>
/// A column: its name, its PostgreSQL type in <see cref="SqlPortTypes.Canonical"/> form, whether it is NOT NULL
/// (<see cref="Required"/>) and part of the primary key.
/// </summary>
public sealed record SqlPortColumn(string Name, string Type, bool Required, bool PrimaryKey);
