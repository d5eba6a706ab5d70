using System.Security.Cryptography;
using System.Text;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// A login's password: 256 random bits, and the SCRAM-SHA-256 verifier the catalog sends in its place, so the password
/// itself never reaches the server (nor its statement log, nor <c>pg_stat_activity</c>): PostgreSQL keeps a password given
/// in its verifier form as it is (<c>src/backend/libpq/crypt.c</c>, <c>get_password_type</c>).
/// </summary>
public static class SqlPassword
{
    /// <summary>The length of a password <see cref="New"/> makes: 32 bytes in unpadded Base64.</summary>
    public const int MaxLength = 43;

    /// <summary>PostgreSQL's own default (<c>scram_iterations</c>).</summary>
    private const int Iterations = 4096;

    /// <summary>A new password: URL-safe Base64 without padding, so it needs no quoting in a connection string.</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>
    /// <c>SCRAM-SHA-256$iterations:salt$StoredKey:ServerKey</c> (RFC 5802, RFC 7677). The passwords are ASCII, which
    /// SASLprep leaves as they are.
    /// </summary>
    public static string ScramVerifier(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var storedKey = SHA256.HashData(HMACSHA256.HashData(salted, "Client Key"u8));
        var serverKey = HMACSHA256.HashData(salted, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
