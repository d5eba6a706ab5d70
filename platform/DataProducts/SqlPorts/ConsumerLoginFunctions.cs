using System.Security.Cryptography;
using System.Text;

namespace DataMesh.DataProducts.SqlPorts;

/// <summary>
/// How the catalog creates, rotates, disables and drops consumers' PostgreSQL logins without holding CREATEROLE itself.
/// On PostgreSQL 15 a CREATEROLE role may also grant itself membership in any non-superuser role (a domain's owner,
/// <c>pg_read_all_data</c>), so the power sits with a NOLOGIN role (<c>loginCreator</c>) behind four SECURITY DEFINER
/// functions in the mesh database; the catalog's login role (<c>provisioner</c>) may only EXECUTE them. The functions act
/// only on roles named <see cref="RolePrefix"/>… that are members of the consumers' group (or about to be), and take a
/// password only as its SCRAM verifier. The same statements serve every mode: the AppHost's superuser step, the
/// PostgreSQL image's init script and CloudNativePG's bootstrap; each is idempotent.
/// </summary>
public static class ConsumerLoginFunctions
{
    /// <summary>Every consumer's role name starts with this: it keeps them apart from the mesh's own roles and PostgreSQL's <c>pg_</c>.</summary>
    public const string RolePrefix = "consumer_";

    /// <summary>The schema in the mesh database the functions live in, owned by the login creator.</summary>
    public const string Schema = "mesh_provisioning";

    /// <summary><c>(role text, scram_verifier text) → boolean</c>: false when the role exists already.</summary>
    public const string Create = Schema + ".create_consumer_login";

    /// <summary><c>(role text, scram_verifier text)</c>.</summary>
    public const string SetPassword = Schema + ".set_consumer_password";

    /// <summary><c>(role text) → bigint</c>: NOLOGIN, then ends the role's sessions; answers how many it ended.</summary>
    public const string Disable = Schema + ".disable_consumer_login";

    /// <summary><c>(role text)</c>: DROP ROLE IF EXISTS; PostgreSQL refuses while a database still grants the role anything.</summary>
    public const string Drop = Schema + ".drop_consumer_login";

    /// <summary>The check every function makes first; not executable by anyone but its owner.</summary>
    private const string Check = Schema + ".check_consumer_login";

    /// <summary>The check of a password's form; private like <see cref="Check"/>.</summary>
    private const string CheckVerifier = Schema + ".check_consumer_verifier";

    private const string ScramPrefix = "SCRAM-SHA-256$";

    /// <summary>PostgreSQL's own default (<c>scram_iterations</c>).</summary>
    private const int ScramIterations = 4096;

    /// <summary>
    /// <c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c> (RFC 5802, RFC 7677), what the functions take in place of a
    /// password, so the password itself never reaches the server (nor its statement log, nor <c>pg_stat_activity</c>):
    /// PostgreSQL keeps a password given in this form as it is (<c>src/backend/libpq/crypt.c</c>, <c>get_password_type</c>).
    /// The passwords are ASCII, which SASLprep leaves as they are.
    /// </summary>
    public static string Verifier(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, ScramIterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"{ScramPrefix}{ScramIterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }

    /// <summary>Superuser statements, in order, run in the mesh database: the roles' attributes, the schema and the functions.</summary>
    /// <param name="loginCreator">The NOLOGIN role with CREATEROLE the functions run as.</param>
    /// <param name="provisioner">The catalog's login role; its LOGIN and password are set by whoever makes it.</param>
    /// <param name="consumersGroup">The group every consumer's login is created in.</param>
    public static IReadOnlyList<string> Statements(string loginCreator, string provisioner, string consumersGroup)
    {
        var creator = SqlIdentifier.Quote(loginCreator);
        var login = SqlIdentifier.Quote(provisioner);
        var group = SqlIdentifier.Quote(consumersGroup);
        const string Limited = "NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS";
        const string Definer = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp";
        var statements = new List<string>
        {
            // CloudNativePG's bootstrap runs before its managed roles exist: make any that are missing, then set what each may do.
            $"""
            DO $do$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {SqlIdentifier.Literal(consumersGroup)}) THEN CREATE ROLE {group}; END IF;
              IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {SqlIdentifier.Literal(loginCreator)}) THEN CREATE ROLE {creator}; END IF;
              IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = {SqlIdentifier.Literal(provisioner)}) THEN CREATE ROLE {login}; END IF;
            END $do$
            """,
            $"ALTER ROLE {group} NOLOGIN NOCREATEROLE {Limited}",
            $"ALTER ROLE {creator} NOLOGIN CREATEROLE {Limited}",
            $"ALTER ROLE {login} NOCREATEROLE {Limited}",
            // The creator ends a disabled consumer's sessions; NOLOGIN, it signals only through the checked function.
            $"GRANT pg_signal_backend TO {creator}",
            // From 16 a CREATEROLE role puts new roles only in groups it administers; it administers this one, without using it.
            $"""
            DO $do$ BEGIN
              IF current_setting('server_version_num')::int >= 160000 THEN
                EXECUTE {SqlIdentifier.Literal($"GRANT {group} TO {creator} WITH ADMIN OPTION, INHERIT FALSE, SET FALSE")};
              END IF;
            END $do$
            """,
            $"CREATE SCHEMA IF NOT EXISTS {Schema} AUTHORIZATION {creator}",
            $"ALTER SCHEMA {Schema} OWNER TO {creator}",
            $"REVOKE ALL ON SCHEMA {Schema} FROM PUBLIC",
            $"GRANT USAGE ON SCHEMA {Schema} TO {login}",
            $"""
            CREATE OR REPLACE FUNCTION {Check}(role_name text) RETURNS void {Definer} AS $fn$
            BEGIN
              IF role_name IS NULL OR NOT starts_with(role_name, {SqlIdentifier.Literal(RolePrefix)})
                 OR octet_length(role_name) <= {RolePrefix.Length} OR octet_length(role_name) > {SqlIdentifier.MaxLength} THEN
                RAISE EXCEPTION 'role "%" is not a consumer''s login: only roles named {RolePrefix}… are provisioned here', role_name
                  USING ERRCODE = 'insufficient_privilege';
              END IF;
              IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) AND NOT EXISTS (
                  SELECT FROM pg_catalog.pg_auth_members m
                    JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                    JOIN pg_catalog.pg_roles r ON r.oid = m.member
                   WHERE r.rolname = role_name AND g.rolname = {SqlIdentifier.Literal(consumersGroup)}) THEN
                RAISE EXCEPTION 'role "%" is not in the consumers'' group {consumersGroup}: it is not the catalog''s to change', role_name
                  USING ERRCODE = 'insufficient_privilege';
              END IF;
            END $fn$
            """,
            $"""
            CREATE OR REPLACE FUNCTION {CheckVerifier}(scram_verifier text) RETURNS void {Definer} AS $fn$
            BEGIN
              IF scram_verifier IS NULL OR NOT starts_with(scram_verifier, {SqlIdentifier.Literal(ScramPrefix)}) THEN
                RAISE EXCEPTION 'a consumer''s password is given as its SCRAM-SHA-256 verifier, never in clear'
                  USING ERRCODE = 'invalid_parameter_value';
              END IF;
            END $fn$
            """,
            $"""
            CREATE OR REPLACE FUNCTION {Create}(role_name text, scram_verifier text) RETURNS boolean {Definer} AS $fn$
            BEGIN
              PERFORM {Check}(role_name);
              PERFORM {CheckVerifier}(scram_verifier);
              EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOCREATEROLE {Limited} PASSWORD %L IN ROLE %I', role_name, scram_verifier, {SqlIdentifier.Literal(consumersGroup)});
              RETURN true;
            EXCEPTION WHEN duplicate_object THEN
              RETURN false;
            END $fn$
            """,
            $"""
            CREATE OR REPLACE FUNCTION {SetPassword}(role_name text, scram_verifier text) RETURNS void {Definer} AS $fn$
            BEGIN
              PERFORM {Check}(role_name);
              PERFORM {CheckVerifier}(scram_verifier);
              EXECUTE format('ALTER ROLE %I PASSWORD %L', role_name, scram_verifier);
            END $fn$
            """,
            $"""
            CREATE OR REPLACE FUNCTION {Disable}(role_name text) RETURNS bigint {Definer} AS $fn$
            BEGIN
              PERFORM {Check}(role_name);
              EXECUTE format('ALTER ROLE %I NOLOGIN', role_name);
              RETURN (SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_catalog.pg_stat_activity WHERE usename = role_name);
            END $fn$
            """,
            $"""
            CREATE OR REPLACE FUNCTION {Drop}(role_name text) RETURNS void {Definer} AS $fn$
            BEGIN
              PERFORM {Check}(role_name);
              EXECUTE format('DROP ROLE IF EXISTS %I', role_name);
            END $fn$
            """,
        };

        // Functions run as their owner: the creator, never the superuser that wrote them. Only the checks stay private.
        string[] exposed = [$"{Create}(text, text)", $"{SetPassword}(text, text)", $"{Disable}(text)", $"{Drop}(text)"];
        foreach (var function in new[] { $"{Check}(text)", $"{CheckVerifier}(text)" }.Concat(exposed))
        {
            statements.Add($"ALTER FUNCTION {function} OWNER TO {creator}");
            statements.Add($"REVOKE ALL ON FUNCTION {function} FROM PUBLIC");
        }

        statements.AddRange(exposed.Select(function => $"GRANT EXECUTE ON FUNCTION {function} TO {login}"));
        return statements;
    }
}
