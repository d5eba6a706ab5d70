using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace DataMesh.Gateway.Edge;

/// <summary>
/// Masks personal data in the answers of query endpoints for callers whose grant does not cover it (see
/// <see cref="PersonalDataMask"/>): every property of the JSON answer, at any depth, named like a property the contract
/// marks as personal data gets <c>"***"</c> in place of a string and null in place of anything else. Other answers
/// pass through untouched and unbuffered.
/// </summary>
public sealed class PersonalDataMasking(IOptions<EdgeOptions> options) : IMiddleware
{
    public const string Masked = "***";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<PersonalDataMask>() is not { } mask)
        {
            await next(context);
            return;
        }

        // The destination must answer in plain text for the gateway to read it.
        context.Request.Headers.AcceptEncoding = "identity";
        var answer = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = answer;
        }

        if (buffer.Length > options.Value.MaxMaskedResponseBytes)
        {
            context.Response.Headers.Clear();
            await new EdgeRefusal(StatusCodes.Status502BadGateway, "Answer too large to mask", "body",
                $"the answer of {mask.DataProductId} is over {options.Value.MaxMaskedResponseBytes} bytes; ask for smaller pages").WriteAsync(context);
            return;
        }

        buffer.Position = 0;
        if (!IsJson(context.Response.ContentType) || buffer.Length == 0)
        {
            await buffer.CopyToAsync(answer, context.RequestAborted);
            return;
        }

        var document = await JsonNode.ParseAsync(buffer, cancellationToken: context.RequestAborted);
        var names = new HashSet<string>(mask.Properties, StringComparer.OrdinalIgnoreCase);
        Mask(document, names);
        var masked = JsonSerializer.SerializeToUtf8Bytes(document);
        context.Response.ContentLength = masked.Length;
        context.Response.Headers[EdgeHeaders.Masked] = string.Join(',', mask.Properties);

        // The destination's ETag names its unmasked answer; this body is another representation.
        context.Response.Headers.ETag = default;
        await answer.WriteAsync(masked, context.RequestAborted);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static void Mask(JsonNode? node, HashSet<string> names)
    {
        switch (node)
        {
            case JsonObject properties:
                foreach (var name in properties.Select(p => p.Key).ToList())
                {
                    if (names.Contains(name))
                    {
                        properties[name] = properties[name]?.GetValueKind() == JsonValueKind.String ? Masked : null;
                    }
                    else
                    {
                        Mask(properties[name], names);
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Mask(item, names);
                }

                break;
        }
    }
}
