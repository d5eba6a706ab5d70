using System.Security.Cryptography;
using System.Text;

namespace DataMesh.Catalog.Access;

/// <summary>Makes API keys (256 random bits, recognisable by their <c>dmk_</c> prefix) and the hash the catalog stores instead.</summary>
public static class ApiKeySecret
{
    public const string Marker = "dmk_";
    public const int PrefixLength = 12;

    public static string New() => Marker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
