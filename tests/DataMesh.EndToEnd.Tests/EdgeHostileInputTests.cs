using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DataMesh.Testing;
using Microsoft.Extensions.Hosting;

namespace DataMesh.EndToEnd.Tests;

/// <summary>
/// Hostile requests sent byte for byte to the gateway's socket: each is refused, nothing of it reaches a domain, and
/// the gateway stays healthy for everyone else.
/// </summary>
[Collection(LocalMesh.Collection)]
public sealed class EdgeHostileInputTests(LocalMesh mesh) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>After every hostile request the gateway still serves an ordinary one.</summary>
    public async Task DisposeAsync()
    {
        using var hr = mesh.Gateway("hr");
        Assert.Equal(HttpStatusCode.OK, (await hr.GetAsync("/api/hr/departments")).StatusCode);
        using var gateway = mesh.Gateway();
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/health")).StatusCode);
    }

    [Theory]
    [InlineData("/api/hr/../catalog/v1/keys/lookup", 404, true)]
    [InlineData("/api/hr/%2e%2e/catalog/v1/edge/policy", 404, true)]
    [InlineData("/api/hr%2F..%2Fcatalog/v1/edge/policy", 400, true)]
    [InlineData("/api/hr/employees%2F..%2F..%2Fcatalog", 400, true)]
    [InlineData("/api/hr/employees%5C..%5Cdepartments", 400, true)]
    // Kestrel itself refuses a NUL, before the gateway's code runs: no problem body.
    [InlineData("/api/hr/employees%00", 400, false)]
    public async Task Paths_that_climb_or_hide_slashes_are_refused(string target, int status, bool problem)
    {
        var answer = await RawAsync($"GET {target} HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {mesh.TeamKey("hr")}\r\nConnection: close\r\n\r\n");

        Assert.Equal(status, answer.Status);
        Assert.Equal(problem, answer.Head.Contains("application/problem+json", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_encoded_slash_in_a_query_value_is_ordinary_data()
    {
        var answer = await RawAsync("GET /api/catalog/v1/products?q=payroll%2Fcosts HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task Two_api_keys_in_one_request_are_refused()
    {
        var answer = await RawAsync($"GET /api/hr/departments HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {mesh.TeamKey("finance")}\r\nX-Api-Key: {mesh.TeamKey("hr")}\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, answer.Status);
        Assert.Contains(MeshHeaders.ApiKey, answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(20 * 1024)]
    [InlineData(100 * 1024)]
    public async Task Oversized_headers_are_refused(int size)
    {
        var answer = await RawAsync($"GET /api/hr/departments HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {mesh.TeamKey("hr")}\r\nX-Padding: {new string('a', size)}\r\nConnection: close\r\n\r\n");

        Assert.Equal(431, answer.Status);
    }

    [Fact]
    public async Task A_request_framed_by_both_content_length_and_transfer_encoding_is_refused_and_smuggles_nothing()
    {
        var email = $"smuggled-{Guid.NewGuid():N}@datamesh.example";
        var smuggled = $"POST /api/hr/employees HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: {mesh.TeamKey("hr")}\r\nContent-Type: application/json\r\nContent-Length: {Hire(email).Length}\r\n\r\n{Hire(email)}";
        var request = $"POST /api/catalog/v1/products HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n{smuggled}";

        var answer = await RawAsync(request);

        Assert.Equal(400, answer.Status);
        Assert.DoesNotContain("201 Created", answer.Head + answer.Body, StringComparison.Ordinal);
        await AssertNotHiredAsync(email);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_the_domain_sees_it_with_or_without_a_length()
    {
        var email = $"huge-{Guid.NewGuid():N}@datamesh.example";
        var huge = Hire(email).Replace("\"title\":\"Engineer\"", $"\"title\":\"Engineer\",\"padding\":\"{new string('x', 2 * 1024 * 1024)}\"", StringComparison.Ordinal);
        using var hr = mesh.Gateway("hr");

        // With a length and Expect: 100-continue, the gateway answers before the client sends a byte of the body.
        using var patient = RefusalAwaitingClient.For(hr.BaseAddress!);
        patient.DefaultRequestHeaders.Add(MeshHeaders.ApiKey, mesh.TeamKey("hr"));
        var withLength = new HttpRequestMessage(HttpMethod.Post, "/api/hr/employees") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        withLength.Headers.ExpectContinue = true;
        var refused = await patient.SendAsync(withLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

        // Without a length the gateway reads up to the limit, then answers while the client may still be sending:
        // the client sees the 413 or, if it was still writing, the connection closed under it.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge)));
        chunked.Headers.ContentType = new("application/json");
        try
        {
            var withoutLength = await hr.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/hr/employees") { Content = chunked, Headers = { TransferEncodingChunked = true } });
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withoutLength.StatusCode);
        }
        catch (HttpRequestException closed) when (closed.InnerException is IOException)
        {
        }

        await AssertNotHiredAsync(email);
    }

    [Fact]
    public async Task A_client_that_sends_its_headers_too_slowly_is_disconnected()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, GatewayPort);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /api/hr/departments HTTP/1.1\r\nHost: localhost\r\n"));
        var started = DateTime.UtcNow;

        // One header line every two seconds, never finishing: the gateway gives up on the request headers after 10 s.
        var closed = false;
        for (var i = 0; i < 20 && !closed; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"X-Slow-{i}: a\r\n"));
                closed = client.Client.Poll(0, SelectMode.SelectRead) && client.Client.Available == 0;
            }
            catch (IOException)
            {
                closed = true;
            }
        }

        Assert.True(closed, $"The slow client was still connected after {DateTime.UtcNow - started}.");
    }

    private int GatewayPort => mesh.App.GetEndpoint("gateway", "http").Port;

    private static string Hire(string email) => JsonSerializer.Serialize(new
    {
        name = "Eve Hostile", email, birthDate = "1990-01-01", title = "Engineer",
        departmentId = Guid.Parse("0d000000-0000-4000-8000-000000000100"), monthlySalary = 5000m, hiredOn = "2026-11-02",
    });

    /// <summary>Asked of HR's own database: whatever a request did, no employee with that address exists.</summary>
    private async Task AssertNotHiredAsync(string email) =>
        Assert.Equal(0L, await mesh.ScalarAsync<long>("hr-db", "select count(*) from employees where \"Email\" = @email", ("email", email)));

    private sealed record RawAnswer(int Status, string Head, string Body);

    /// <summary>Sends bytes exactly as given and reads the first answer.</summary>
    private async Task<RawAnswer> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, GatewayPort);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        }
        catch (IOException)
        {
            // The gateway may answer and close before it has read everything sent; the answer is still there to read.
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var text = new StringBuilder();
        var buffer = new char[8192];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer, timeout.Token)) > 0)
            {
                text.Append(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer: what was read is the answer.
        }

        var answer = text.ToString();
        var headEnd = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(answer.StartsWith("HTTP/1.1 ", StringComparison.Ordinal), $"No HTTP answer: '{answer}'");
        return new RawAnswer(int.Parse(answer[9..12], System.Globalization.CultureInfo.InvariantCulture),
            headEnd < 0 ? answer : answer[..headEnd], headEnd < 0 ? "" : answer[(headEnd + 4)..]);
    }
}
