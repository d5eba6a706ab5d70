using System.Security.Cryptography;
using System.Text;

namespace DataMesh.Catalog.Access;

/// <summary>Makes API keys (256 random bits, recognisable by their <c>dmk_</c> prefix) and the hash the catalog stores instead.</summary>
public static class ApiKeySecret
{
    public const string Marker = "dmk_";
    public const int PrefixLength = 12;

    private const int RandomBytes = 32;

    /// <summary>An issued key's length: the marker's 4 characters and the random bytes in unpadded base64url (6 bits a character).</summary>
    public const int Length = 4 + ((RandomBytes * 8) + 5) / 6;

    public static string New() => Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
