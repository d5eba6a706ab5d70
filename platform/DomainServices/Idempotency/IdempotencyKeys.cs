using System.Security.Cryptography;
using DataMesh.DomainServices.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DataMesh.DomainServices.Idempotency;

/// <summary>
/// Honours the <c>Idempotency-Key</c> header on the commands marked <see cref="IdempotentCommand"/>: the command runs in a transaction that also stores its answer, and a request with a key already
/// answered gets that answer again without running. Two concurrent requests with one key: the second waits on
/// the key's row, then answers like a retry.
/// </summary>
public sealed class IdempotencyKeys(RequestDelegate next, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    private const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context, DbContext db)
    {
        var key = context.Request.Headers[Header].ToString();
        if (key.Length == 0 || context.GetEndpoint()?.Metadata.GetMetadata<IdempotentCommand>() is null)
        {
            await next(context);
            return;
        }

        if (key.Length > MaxKeyLength)
        {
            await FieldProblem.For(Header, $"At most {MaxKeyLength} characters.").ExecuteAsync(context);
            return;
        }

        var hash = await RequestHashAsync(context.Request);
        var answered = await db.Set<IdempotentRequest>().AsNoTracking().SingleOrDefaultAsync(r => r.Key == key, context.RequestAborted);
        if (answered is not null)
        {
            await ReplayAsync(context, answered, hash);
            return;
        }

        var response = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
            await next(context);
            if (context.Response.StatusCode is >= 200 and < 300)
            {
                db.Set<IdempotentRequest>().Add(new IdempotentRequest
                {
                    Key = key,
                    RequestHash = hash,
                    StatusCode = context.Response.StatusCode,
                    ContentType = context.Response.ContentType,
                    Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                    ETag = context.Response.Headers.ETag.ToString() is { Length: > 0 } etag ? etag : null,
                    Body = buffer.ToArray(),
                    CreatedAt = clock.GetUtcNow(),
                });
                try
                {
                    await db.SaveChangesAsync(context.RequestAborted);
                    await transaction.CommitAsync(context.RequestAborted);
                }
                catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // Another request with this key committed first: this one's changes roll back, its answer wins.
                    await transaction.RollbackAsync(context.RequestAborted);
                    db.ChangeTracker.Clear();
                    context.Response.Body = response;
                    context.Response.Clear();
                    var winner = await db.Set<IdempotentRequest>().AsNoTracking().SingleAsync(r => r.Key == key, context.RequestAborted);
                    await ReplayAsync(context, winner, hash);
                    return;
                }
            }
        }
        finally
        {
            context.Response.Body = response;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(response, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotentRequest answered, string hash)
    {
        if (answered.RequestHash != hash)
        {
            await FieldProblem.For(Header, "This key was used for a different request; use a new key for a new request.", StatusCodes.Status422UnprocessableEntity)
                .ExecuteAsync(context);
            return;
        }

        context.Response.StatusCode = answered.StatusCode;
        context.Response.ContentType = answered.ContentType;
        if (answered.Location is not null)
        {
            context.Response.Headers.Location = answered.Location;
        }

        if (answered.ETag is not null)
        {
            context.Response.Headers.ETag = answered.ETag;
        }

        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(answered.Body, context.RequestAborted);
    }

    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
