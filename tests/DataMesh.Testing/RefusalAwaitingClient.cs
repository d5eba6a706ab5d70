namespace DataMesh.Testing;

/// <summary>
/// A client for requests sent with <c>Expect: 100-continue</c> so that the server can refuse the body before it is
/// written (413). It waits for that answer as long as it takes: after HttpClient's default second, which a loaded
/// machine outlasts, it would start writing the body into a connection the refusal closes ("Broken pipe").
/// </summary>
public static class RefusalAwaitingClient
{
    public static HttpClient For(Uri baseAddress) =>
        new(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(60) }) { BaseAddress = baseAddress };
}
