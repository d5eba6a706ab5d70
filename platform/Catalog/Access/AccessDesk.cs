using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Access;

/// <summary>
/// Consumers, their API keys, and access to data products: a consumer asks with a purpose, the owner team
/// decides, a grant holds until revoked. Every step is written to the audit trail with who and when.
/// </summary>
/// <remarks>
/// People are named by the caller (<c>actor</c>, <c>team</c>): the catalog keeps and checks what it is told,
/// and the gateway in front of it is where people are authenticated.
/// </remarks>
public sealed class AccessDesk(CatalogDbContext db, TimeProvider clock)
{
    public const int MaxRequestsPerSecond = 100_000;

    public async Task<ConsumerRecord> RegisterConsumerAsync(
        string id, string team, string? description, int? requestsPerSecond, string actor, CancellationToken cancellationToken)
    {
        Require("id", id, 63);
        Require("team", team, 63);
        Require("actor", actor, 200);
        if (requestsPerSecond is < 1 or > MaxRequestsPerSecond)
        {
            throw CatalogRefusal.Invalid("requestsPerSecond", $"is from 1 to {MaxRequestsPerSecond}, or absent for the gateway's default");
        }

        if (await db.Consumers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            throw CatalogRefusal.Conflict("id", $"consumer '{id}' already exists");
        }

        var consumer = new ConsumerRecord { Id = id, Team = team, Description = description, RequestsPerSecond = requestsPerSecond, CreatedAt = clock.GetUtcNow() };
        db.Consumers.Add(consumer);
        Audit("consumer-registered", actor, id);
        await db.SaveChangesAsync(cancellationToken);
        return consumer;
    }

    public async Task<IssuedApiKey> IssueKeyAsync(string consumerId, string actor, CancellationToken cancellationToken)
    {
        Require("actor", actor, 200);
        await ConsumerAsync(consumerId, cancellationToken);
        var issued = Issue(consumerId);
        Audit("key-issued", actor, consumerId, apiKeyId: issued.Id);
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    /// <summary>Replaces a key: the new one is shown once, the old one stops working at once.</summary>
    public async Task<IssuedApiKey> RotateKeyAsync(Guid keyId, string actor, CancellationToken cancellationToken)
    {
        Require("actor", actor, 200);
        var old = await ActiveKeyAsync(keyId, cancellationToken);
        old.RevokedAt = clock.GetUtcNow();
        var issued = Issue(old.ConsumerId);
        Audit("key-rotated", actor, old.ConsumerId, apiKeyId: issued.Id, note: $"replaces {old.Prefix}… ({old.Id})");
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    public async Task RevokeKeyAsync(Guid keyId, string actor, CancellationToken cancellationToken)
    {
        Require("actor", actor, 200);
        var key = await ActiveKeyAsync(keyId, cancellationToken);
        key.RevokedAt = clock.GetUtcNow();
        Audit("key-revoked", actor, key.ConsumerId, apiKeyId: key.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Makes <paramref name="key"/> the one active key of a team's own consumer, registering the consumer when new:
    /// the same key again changes nothing, another one replaces it.
    /// </summary>
    public async Task ProvisionTeamKeyAsync(string consumerId, string team, string key, CancellationToken cancellationToken)
    {
        const string actor = "apphost";
        var consumer = await db.Consumers.FindAsync([consumerId], cancellationToken);
        if (consumer is null)
        {
            db.Consumers.Add(new ConsumerRecord { Id = consumerId, Team = team, Description = "The domain team's own key, from the AppHost.", CreatedAt = clock.GetUtcNow() });
            Audit("consumer-registered", actor, consumerId);
        }
        else
        {
            consumer.Team = team;
        }

        var hash = ApiKeySecret.Hash(key);
        var active = await db.ApiKeys.Where(k => k.ConsumerId == consumerId && k.RevokedAt == null).ToListAsync(cancellationToken);
        if (!active.Any(k => k.Hash == hash))
        {
            Audit("key-issued", actor, consumerId, apiKeyId: Issue(consumerId, key).Id);
        }

        foreach (var replaced in active.Where(k => k.Hash != hash))
        {
            replaced.RevokedAt = clock.GetUtcNow();
            Audit("key-revoked", actor, consumerId, apiKeyId: replaced.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<AccessRequestRecord> RequestAsync(string dataProductId, string consumerId, string purpose, bool personalData, string actor, CancellationToken cancellationToken)
    {
        Require("purpose", purpose, 2000);
        Require("actor", actor, 200);
        await ProductAsync(dataProductId, cancellationToken);
        await ConsumerAsync(consumerId, cancellationToken);
        var request = new AccessRequestRecord
        {
            Id = Guid.CreateVersion7(),
            DataProductId = dataProductId,
            ConsumerId = consumerId,
            Purpose = purpose.Trim(),
            PersonalData = personalData,
            Status = AccessStatus.Pending,
            RequestedBy = actor,
            RequestedAt = clock.GetUtcNow(),
        };
        db.AccessRequests.Add(request);
        Audit("requested", actor, consumerId, dataProductId, request.Id, note: purpose.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>The owner team approves or denies a pending request.</summary>
    public async Task<AccessRequestRecord> DecideAsync(Guid requestId, bool approve, string actor, string team, string? note, CancellationToken cancellationToken)
    {
        Require("actor", actor, 200);
        var request = await RequestRecordAsync(requestId, cancellationToken);
        var product = await ProductAsync(request.DataProductId, cancellationToken);
        if (product.Owner != team)
        {
            throw CatalogRefusal.Forbidden("team", $"only the owner team '{product.Owner}' decides on access to {product.Id}, not '{team}'");
        }

        if (request.Status != AccessStatus.Pending)
        {
            throw CatalogRefusal.Conflict("requestId", $"the request is already {request.Status.ToString().ToLowerInvariant()}");
        }

        request.Status = approve ? AccessStatus.Approved : AccessStatus.Denied;
        request.DecidedBy = actor;
        request.DecidedAt = clock.GetUtcNow();
        Audit(approve ? "approved" : "denied", actor, request.ConsumerId, request.DataProductId, request.Id, note);
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>Ends a grant: the owner team or the consumer's own team may.</summary>
    public async Task<AccessRequestRecord> RevokeAsync(Guid requestId, string actor, string team, string? note, CancellationToken cancellationToken)
    {
        Require("actor", actor, 200);
        var request = await RequestRecordAsync(requestId, cancellationToken);
        var product = await ProductAsync(request.DataProductId, cancellationToken);
        var consumer = await ConsumerAsync(request.ConsumerId, cancellationToken);
        if (team != product.Owner && team != consumer.Team)
        {
            throw CatalogRefusal.Forbidden("team", $"only the owner team '{product.Owner}' or the consumer's team '{consumer.Team}' revokes this grant");
        }

        if (request.Status != AccessStatus.Approved)
        {
            throw CatalogRefusal.Conflict("requestId", $"the request is {request.Status.ToString().ToLowerInvariant()}, not a grant");
        }

        request.Status = AccessStatus.Revoked;
        Audit("revoked", actor, request.ConsumerId, request.DataProductId, request.Id, note);
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>The pending requests for the products a team owns: its approval queue.</summary>
    public async Task<IReadOnlyList<AccessRequestRecord>> QueueAsync(string team, CancellationToken cancellationToken) =>
        await db.AccessRequests.AsNoTracking()
            .Where(r => r.Status == AccessStatus.Pending && db.DataProducts.Any(p => p.Id == r.DataProductId && p.Owner == team))
            .OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<AccessAuditRecord>> AuditTrailAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.AccessAudit.AsNoTracking().Where(a => a.RequestId == requestId).OrderBy(a => a.Id).ToListAsync(cancellationToken);

    /// <summary>The gateway's look-up: the consumer behind a key that is not revoked, and its grants; null for any other key.</summary>
    public async Task<ApiKeyLookup?> LookupAsync(string key, CancellationToken cancellationToken)
    {
        var hash = ApiKeySecret.Hash(key);
        var found = await db.ApiKeys.AsNoTracking().Where(k => k.Hash == hash && k.RevokedAt == null)
            .Join(db.Consumers, k => k.ConsumerId, c => c.Id, (k, c) => c).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var grants = await db.AccessRequests.AsNoTracking()
            .Where(r => r.ConsumerId == found.Id && r.Status == AccessStatus.Approved)
            .OrderBy(r => r.DataProductId)
            .Select(r => new GrantFacts(r.Id, r.DataProductId, r.Purpose, r.PersonalData, r.DecidedBy!, r.DecidedAt!.Value))
            .ToListAsync(cancellationToken);
        return new ApiKeyLookup(found.Id, found.Team, found.RequestsPerSecond, grants);
    }

    private IssuedApiKey Issue(string consumerId, string? key = null)
    {
        key ??= ApiKeySecret.New();
        var record = new ApiKeyRecord
        {
            Id = Guid.CreateVersion7(),
            ConsumerId = consumerId,
            Prefix = key[..ApiKeySecret.PrefixLength],
            Hash = ApiKeySecret.Hash(key),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(record);
        return new IssuedApiKey(record.Id, consumerId, key, record.Prefix, record.CreatedAt);
    }

    private void Audit(string action, string actor, string consumerId, string? dataProductId = null, Guid? requestId = null, string? note = null, Guid? apiKeyId = null) =>
        db.AccessAudit.Add(new AccessAuditRecord
        {
            Action = action, Actor = actor, At = clock.GetUtcNow(), ConsumerId = consumerId, DataProductId = dataProductId,
            RequestId = requestId, ApiKeyId = apiKeyId, Note = note,
        });

    private async Task<ConsumerRecord> ConsumerAsync(string id, CancellationToken cancellationToken) =>
        await db.Consumers.FindAsync([id], cancellationToken) ?? throw CatalogRefusal.NotFound("consumerId", $"no consumer '{id}'");

    private async Task<DataProductRecord> ProductAsync(string id, CancellationToken cancellationToken) =>
        await db.DataProducts.FindAsync([id], cancellationToken) ?? throw CatalogRefusal.NotFound("dataProductId", $"no data product '{id}'");

    private async Task<AccessRequestRecord> RequestRecordAsync(Guid id, CancellationToken cancellationToken) =>
        await db.AccessRequests.FindAsync([id], cancellationToken) ?? throw CatalogRefusal.NotFound("requestId", $"no access request {id}");

    private async Task<ApiKeyRecord> ActiveKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FindAsync([id], cancellationToken) ?? throw CatalogRefusal.NotFound("keyId", $"no API key {id}");
        return key.RevokedAt is null ? key : throw CatalogRefusal.Conflict("keyId", $"API key {key.Prefix}… is already revoked");
    }

    private static void Require(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            throw CatalogRefusal.Invalid(field, $"is required, at most {maxLength} characters");
        }
    }
}
