using DataMesh.Contracts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DataMesh.DataProducts.SqlPorts.Grants;

/// <summary>
/// Makes a SQL port's privileges in the domain's database say exactly what the catalog's grants say, in one transaction,
/// as the domain's role (the owner of the database, the port's schema and its objects). Each listed consumer login role
/// that exists (a member of <see cref="SqlPortConnections.ConsumersGroupRole"/>, not a superuser) gets
/// <c>CONNECT</c> on the database, <c>USAGE</c> on the schema and <c>SELECT</c> on each object: on the whole object when
/// the grant covers personal data or the object has no personal column, otherwise on its non-personal columns only.
/// Every other role but the owner, <c>PUBLIC</c> included, loses what it holds on the schema and on every object in it,
/// and <c>CONNECT</c> once it holds nothing on any of the domain's ports. No role but the owner keeps <c>EXECUTE</c> on a
/// function or procedure in the port's schema (<c>PUBLIC</c> has it on every new one): a consumer selects, nothing more. What is already right is left alone, so a
/// reconciliation that changes nothing writes nothing. The privileges are read from the catalogs' ACLs (<c>aclexplode</c>
/// of <c>pg_namespace</c>, <c>pg_class</c>, <c>pg_attribute</c>, <c>pg_database</c>), which show every grantor's grants.
/// </summary>
public sealed class SqlGrantsReconciler(ILogger<SqlGrantsReconciler> logger)
{
    private const string Select = "SELECT";
    private const string Usage = "USAGE";

    /// <param name="portSchemas">The schemas of all the domain's ports in this database (<see cref="DomainSqlPorts.Schemas"/>).</param>
    /// <returns>The statements it ran, in order; none when the database already said what the grants say.</returns>
    public async Task<IReadOnlyList<string>> ApplyAsync(
        NpgsqlDataSource database, SqlPort port, SqlGrantsAnswer answer, IReadOnlyList<string> portSchemas, CancellationToken cancellationToken)
    {
        if (answer.DataProductId != port.DataProductId)
        {
            throw new ArgumentException($"The grants are those of {answer.DataProductId}, not of {port.DataProductId}.", nameof(answer));
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Replicas reconciling at once would write the same ACL rows and judge CONNECT on each other's uncommitted ports: one
        // reconciliation at a time per database.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(hashtext('datamesh.sql-grants'))", cancellationToken);

        var live = await LiveAsync(connection, transaction, port.Schema, cancellationToken);
        if (live is null)
        {
            logger.LogWarning("The schema {Schema} of the SQL port of {DataProductId} does not exist; its grants wait for the migration that creates it.", port.Schema, port.DataProductId);
            return [];
        }

        var wanted = await WantedAsync(connection, transaction, port, answer, live, cancellationToken);
        var held = await HeldAsync(connection, transaction, live, cancellationToken);
        var statements = new List<string>();
        var lostSomething = new HashSet<string?>();
        var schema = SqlIdentifier.Quote(port.Schema);
        foreach (var grantee in wanted.Keys.Union(held.Keys).Select(k => k.Length == 0 ? null : k).ToList())
        {
            var want = grantee is null ? null : wanted.GetValueOrDefault(grantee);
            var has = held.GetValueOrDefault(grantee ?? string.Empty) ?? new Privileges();
            var to = grantee is null ? "PUBLIC" : SqlIdentifier.Quote(grantee);

            var schemaWanted = want is null ? [] : new HashSet<string> { Usage };
            if (!has.Schema.SetEquals(schemaWanted))
            {
                if (has.Schema.Except(schemaWanted).Any())
                {
                    statements.Add($"REVOKE ALL ON SCHEMA {schema} FROM {to} CASCADE");
                    lostSomething.Add(grantee);
                }

                if (want is not null)
                {
                    statements.Add($"GRANT USAGE ON SCHEMA {schema} TO {to}");
                }
            }

            foreach (var relation in live.Relations)
            {
                var wantedHere = want?.Relations.GetValueOrDefault(relation.Name) ?? RelationPrivileges.None;
                var hasHere = has.Relations.GetValueOrDefault(relation.Name) ?? RelationPrivileges.None;
                if (wantedHere.SameAs(hasHere))
                {
                    continue;
                }

                var name = $"{schema}.{SqlIdentifier.Quote(relation.Name)}";
                var kind = relation.IsSequence ? "SEQUENCE" : "TABLE";
                if (!hasHere.IsEmpty)
                {
                    // On a table this also revokes every column privilege of the grantee (PostgreSQL's REVOKE).
                    statements.Add($"REVOKE ALL ON {kind} {name} FROM {to} CASCADE");
                    lostSomething.Add(grantee);
                }

                if (wantedHere.Table.Count > 0)
                {
                    statements.Add($"GRANT SELECT ON {kind} {name} TO {to}");
                }
                else if (wantedHere.Columns.Count > 0)
                {
                    statements.Add($"GRANT SELECT ({string.Join(", ", wantedHere.Columns.Keys.Order(StringComparer.Ordinal).Select(SqlIdentifier.Quote))}) ON TABLE {name} TO {to}");
                }
            }
        }

        foreach (var (routine, grantee) in await RoutineHoldersAsync(connection, transaction, live, cancellationToken))
        {
            statements.Add($"REVOKE ALL ON ROUTINE {routine} FROM {(grantee is null ? "PUBLIC" : SqlIdentifier.Quote(grantee))} CASCADE");
            lostSomething.Add(grantee);
        }

        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, transaction, statement, cancellationToken);
        }

        statements.AddRange(await ConnectAsync(connection, transaction, wanted.Keys, lostSomething.OfType<string>(), portSchemas, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        if (statements.Count > 0)
        {
            logger.LogInformation(
                "SQL port {Schema} of {DataProductId}: {Count} privilege change(s) applied for {Roles} role(s) granted.",
                port.Schema, port.DataProductId, statements.Count, wanted.Count);
        }

        return statements;
    }

    /// <summary>
    /// <c>CONNECT</c> for every granted role that lacks its own, and revoked from each role that just lost privileges here
    /// and now holds nothing on any of the domain's ports. <c>PUBLIC</c>'s default <c>CONNECT</c> is the database's
    /// business, not a port's: without <c>USAGE</c> on a port's schema a connection reads nothing of it.
    /// </summary>
    private static async Task<IReadOnlyList<string>> ConnectAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<string> wanted, IEnumerable<string> lostSomething, IReadOnlyList<string> portSchemas, CancellationToken cancellationToken)
    {
        var holders = new HashSet<string>(StringComparer.Ordinal);
        string databaseName;
        await using (var command = new NpgsqlCommand(
            """
            SELECT current_database(), pg_get_userbyid(a.grantee)
            FROM pg_database d LEFT JOIN LATERAL aclexplode(d.datacl) a ON a.privilege_type = 'CONNECT' AND a.grantee NOT IN (0, d.datdba)
            WHERE d.datname = current_database()
            """, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            databaseName = string.Empty;
            while (await reader.ReadAsync(cancellationToken))
            {
                databaseName = reader.GetString(0);
                if (!reader.IsDBNull(1))
                {
                    holders.Add(reader.GetString(1));
                }
            }
        }

        var statements = new List<string>();
        var database = SqlIdentifier.Quote(databaseName);
        foreach (var role in wanted.Where(r => !holders.Contains(r)).Order(StringComparer.Ordinal))
        {
            statements.Add($"GRANT CONNECT ON DATABASE {database} TO {SqlIdentifier.Quote(role)}");
        }

        foreach (var role in lostSomething.Where(r => holders.Contains(r) && !wanted.Contains(r)).Order(StringComparer.Ordinal))
        {
            await using var holds = new NpgsqlCommand(
                """
                SELECT EXISTS (
                    SELECT 1 FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
                    WHERE n.nspname = ANY(@schemas) AND a.grantee = @role::regrole
                    UNION ALL
                    SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) a
                    WHERE n.nspname = ANY(@schemas) AND a.grantee = @role::regrole)
                """, connection, transaction);
            holds.Parameters.AddWithValue("schemas", portSchemas.ToArray());
            holds.Parameters.AddWithValue("role", SqlIdentifier.Quote(role));
            if (!(bool)(await holds.ExecuteScalarAsync(cancellationToken))!)
            {
                statements.Add($"REVOKE CONNECT ON DATABASE {database} FROM {SqlIdentifier.Quote(role)}");
            }
        }

        foreach (var statement in statements)
        {
            await ExecuteAsync(connection, transaction, statement, cancellationToken);
        }

        return statements;
    }

    /// <summary>What each listed consumer role that exists should hold: <c>USAGE</c> and, per object that exists, table or column <c>SELECT</c>.</summary>
    private async Task<Dictionary<string, Privileges>> WantedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SqlPort port, SqlGrantsAnswer answer, LiveSchema live, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var grant in answer.Grants)
        {
            try
            {
                SqlIdentifier.Quote(grant.Role);
            }
            catch (ArgumentException)
            {
                logger.LogWarning("The grant of consumer {ConsumerId} on {DataProductId} names no valid PostgreSQL role; skipped.", grant.ConsumerId, port.DataProductId);
                continue;
            }

            listed[grant.Role] = listed.GetValueOrDefault(grant.Role) || grant.PersonalData;
        }

        var existing = new HashSet<string>(StringComparer.Ordinal);
        // Only the catalog's consumer login roles (members of the consumers' group, never a superuser): a grant naming any
        // other role, a domain's or the platform's, would hand it a port nobody approved it for.
        await using (var command = new NpgsqlCommand(
            """
            SELECT r.rolname FROM pg_roles r
            WHERE r.rolname = ANY(@roles) AND NOT r.rolsuper
              AND EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid AND g.rolname = @group)
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("roles", listed.Keys.ToArray());
            command.Parameters.AddWithValue("group", SqlPortConnections.ConsumersGroupRole);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var missing in listed.Keys.Where(r => !existing.Contains(r)))
        {
            logger.LogDebug("Role {Role} granted {DataProductId} is no consumer login role (not created yet, or not in {Group}); nothing granted to it.", missing, port.DataProductId, SqlPortConnections.ConsumersGroupRole);
        }

        var wanted = new Dictionary<string, Privileges>(StringComparer.Ordinal);
        foreach (var (role, personalData) in listed.Where(l => existing.Contains(l.Key)))
        {
            var privileges = new Privileges();
            privileges.Schema.Add(Usage);
            foreach (var portObject in port.Objects)
            {
                if (live.Relations.FirstOrDefault(r => r.Name == portObject.PhysicalName && !r.IsSequence) is not { } relation)
                {
                    logger.LogWarning("Object {Object} of the SQL port {Schema} does not exist; nothing granted on it.", portObject.PhysicalName, port.Schema);
                    continue;
                }

                var granted = new RelationPrivileges();
                if (personalData || !portObject.HasPersonalData)
                {
                    granted.Table.Add(Select);
                }
                else
                {
                    foreach (var column in portObject.NonPersonalColumns.Where(relation.Columns.Contains))
                    {
                        granted.Columns[column] = [Select];
                    }
                }

                privileges.Relations[relation.Name] = granted;
            }

            wanted[role] = privileges;
        }

        return wanted;
    }

    /// <summary>What every role but the owner holds on the schema and its relations; <c>PUBLIC</c> under the empty name.</summary>
    private static async Task<Dictionary<string, Privileges>> HeldAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LiveSchema live, CancellationToken cancellationToken)
    {
        var held = new Dictionary<string, Privileges>(StringComparer.Ordinal);
        Privileges Of(string? grantee) => held.TryGetValue(grantee ?? string.Empty, out var p) ? p : held[grantee ?? string.Empty] = new Privileges();

        await using var command = new NpgsqlCommand(
            """
            SELECT NULL::text, NULL::text, CASE a.grantee WHEN 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END, a.privilege_type
            FROM pg_namespace n CROSS JOIN LATERAL aclexplode(n.nspacl) a
            WHERE n.oid = @schema AND a.grantee <> n.nspowner
            UNION ALL
            SELECT c.relname::text, NULL, CASE a.grantee WHEN 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END, a.privilege_type
            FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
            WHERE c.relnamespace = @schema AND a.grantee <> c.relowner
            UNION ALL
            SELECT c.relname::text, t.attname::text, CASE a.grantee WHEN 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END, a.privilege_type
            FROM pg_class c JOIN pg_attribute t ON t.attrelid = c.oid CROSS JOIN LATERAL aclexplode(t.attacl) a
            WHERE c.relnamespace = @schema AND t.attnum > 0 AND NOT t.attisdropped AND a.grantee <> c.relowner
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", NpgsqlTypes.NpgsqlDbType.Oid, live.Oid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var privileges = Of(reader.IsDBNull(2) ? null : reader.GetString(2));
            var privilege = reader.GetString(3);
            if (reader.IsDBNull(0))
            {
                privileges.Schema.Add(privilege);
                continue;
            }

            var relation = reader.GetString(0);
            var onRelation = privileges.Relations.TryGetValue(relation, out var r) ? r : privileges.Relations[relation] = new RelationPrivileges();
            if (reader.IsDBNull(1))
            {
                onRelation.Table.Add(privilege);
            }
            else
            {
                var column = reader.GetString(1);
                (onRelation.Columns.TryGetValue(column, out var c) ? c : onRelation.Columns[column] = []).Add(privilege);
            }
        }

        return held;
    }

    /// <summary>
    /// Who but the owner may execute each function or procedure in the port's schema (<c>PUBLIC</c> as null), by its
    /// signature. A routine's ACL is NULL until someone grants on it, which means PostgreSQL's default: the owner and
    /// <c>PUBLIC</c> (<c>acldefault</c>), so a new function is anyone's to call. A port offers its tables and views only:
    /// a <c>SECURITY DEFINER</c> function runs as the domain's role and would read past a column grant, so no consumer
    /// keeps <c>EXECUTE</c> on any routine there (a view of a port calls no routine of its schema).
    /// </summary>
    private static async Task<IReadOnlyList<(string Routine, string? Grantee)>> RoutineHoldersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LiveSchema live, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT DISTINCT p.oid::regprocedure::text, CASE a.grantee WHEN 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END
            FROM pg_proc p CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
            WHERE p.pronamespace = @schema AND a.grantee <> p.proowner
            ORDER BY 1, 2
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", NpgsqlTypes.NpgsqlDbType.Oid, live.Oid);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var holders = new List<(string, string?)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            holders.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return holders;
    }

    /// <summary>The schema's oid and its relations with their columns, or null when it does not exist.</summary>
    private static async Task<LiveSchema?> LiveAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT n.oid, c.relname::text, c.relkind = 'S', t.attname::text
            FROM pg_namespace n
            LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
            LEFT JOIN pg_attribute t ON t.attrelid = c.oid AND t.attnum > 0 AND NOT t.attisdropped
            WHERE n.nspname = @schema
            """, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        uint? oid = null;
        var relations = new Dictionary<string, LiveRelation>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            oid = reader.GetFieldValue<uint>(0);
            if (reader.IsDBNull(1))
            {
                continue;
            }

            var name = reader.GetString(1);
            var relation = relations.TryGetValue(name, out var r) ? r : relations[name] = new LiveRelation(name, reader.GetBoolean(2), new HashSet<string>(StringComparer.Ordinal));
            if (!reader.IsDBNull(3))
            {
                relation.Columns.Add(reader.GetString(3));
            }
        }

        return oid is { } found ? new LiveSchema(found, relations.Values.ToList()) : null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record LiveSchema(uint Oid, IReadOnlyList<LiveRelation> Relations);

    private sealed record LiveRelation(string Name, bool IsSequence, HashSet<string> Columns);

    /// <summary>A grantee's privileges on the port: on the schema, and per relation.</summary>
    private sealed class Privileges
    {
        public HashSet<string> Schema { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, RelationPrivileges> Relations { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>A grantee's privileges on one relation: on the whole of it, and per column.</summary>
    private sealed class RelationPrivileges
    {
        public static readonly RelationPrivileges None = new();

        public HashSet<string> Table { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, HashSet<string>> Columns { get; } = new(StringComparer.Ordinal);

        public bool IsEmpty => Table.Count == 0 && Columns.Values.All(c => c.Count == 0);

        public bool SameAs(RelationPrivileges other) =>
            Table.SetEquals(other.Table)
            && Columns.Where(c => c.Value.Count > 0).Select(c => c.Key).ToHashSet(StringComparer.Ordinal)
                .SetEquals(other.Columns.Where(c => c.Value.Count > 0).Select(c => c.Key))
            && Columns.Where(c => c.Value.Count > 0).All(c => c.Value.SetEquals(other.Columns[c.Key]));
    }
}
