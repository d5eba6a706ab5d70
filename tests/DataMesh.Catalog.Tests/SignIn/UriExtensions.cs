namespace DataMesh.Catalog.Tests.SignIn;

internal static class UriExtensions
{
    /// <summary>A redirect's target as the catalog wrote it: path and query, whether it was absolute or not.</summary>
    public static string PathAndQueryOrOriginal(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
