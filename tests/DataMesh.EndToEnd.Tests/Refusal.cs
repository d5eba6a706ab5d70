using System.Net;
using System.Text.Json;

namespace DataMesh.EndToEnd.Tests;

/// <summary>What a refused call must look like at the edge and behind it: the status, an RFC 7807 problem, and the field it names.</summary>
public static class Refusal
{
    /// <param name="field">The field the problem's <c>errors</c> must name; none checked when null.</param>
    /// <param name="mentioned">Text the reasons given for <paramref name="field"/> must contain.</param>
    public static async Task AssertAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null, string? mentioned = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is null)
        {
            return;
        }

        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var reasons), $"The problem names no '{field}': {body}");
        if (mentioned is not null)
        {
            Assert.Contains(mentioned, reasons.ToString(), StringComparison.Ordinal);
        }
    }
}
