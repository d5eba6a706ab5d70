using System.Security.Cryptography;

namespace DataMesh.Catalog.Sql;

/// <summary>
/// A login's password: 256 random bits. The catalog sends only its SCRAM-SHA-256 verifier
/// (<see cref="DataMesh.DataProducts.SqlPorts.ConsumerLoginFunctions.Verifier"/>).
/// </summary>
public static class SqlPassword
{
    /// <summary>The length of a password <see cref="New"/> makes: 32 bytes in unpadded Base64.</summary>
    public const int MaxLength = 43;

    /// <summary>A new password: URL-safe Base64 without padding, so it needs no quoting in a connection string.</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
