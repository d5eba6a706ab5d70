using Microsoft.Net.Http.Headers;

namespace DataMesh.Gateway.Edge;

/// <summary>
/// What a caller with a key gets depends on that key (its grants, its team, masking), so no shared cache may keep the
/// answer for someone else: <c>Cache-Control</c> gains <c>private</c> (and loses <c>public</c>), whatever else the
/// destination said about freshness.
/// </summary>
public static class CallerPrivateAnswer
{
    public static Task Mark(object state)
    {
        var response = (HttpResponse)state;
        var cacheControl = CacheControlHeaderValue.TryParse(response.Headers.CacheControl.ToString(), out var stated) ? stated : new CacheControlHeaderValue();
        if (!cacheControl.NoStore)
        {
            cacheControl.Private = true;
            cacheControl.Public = false;
            response.Headers.CacheControl = cacheControl.ToString();
        }

        return Task.CompletedTask;
    }
}
