using DataMesh.Catalog.Api;
using DataMesh.Catalog.Registry;
using DataMesh.Catalog.Sql;
using DataMesh.DomainServices.Paging;
using Microsoft.EntityFrameworkCore;

namespace DataMesh.Catalog.Access;

/// <summary>
/// Consumers, their API keys, and access to data products: a consumer asks with a purpose, the owner team
/// decides, a grant holds until revoked. Every step is written to the audit trail with who and when.
/// </summary>
/// <remarks>
/// Every operation takes the <see cref="CatalogCaller"/> the catalog identified (never a name the caller types): the
/// records it touches say whether that caller may (an unidentified caller gets 401, a refused one 403, before anything
/// is looked up), and the audit trail records the caller's name and kind.
/// </remarks>
public sealed class AccessDesk(CatalogDbContext db, TeamDirectory teams, SqlGrantEvents sqlGrants, TimeProvider clock)
{
    public const int MaxRequestsPerSecond = 100_000;
    public const int MaxIdLength = 63;
    public const int MaxPurposeLength = 2000;
    public const int MaxNoteLength = 500;

    /// <summary>Who provisions the domain teams' own keys: the AppHost's configuration, at start.</summary>
    private static readonly ServiceCaller AppHost = new("apphost");

    public async Task<ConsumerRecord> RegisterConsumerAsync(
        string id, string team, string? description, int? requestsPerSecond, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        CatalogRefusal.ThrowIfBlank("id", id, MaxIdLength);
        CatalogRefusal.ThrowIfBlank("team", team, TeamDirectory.MaxNameLength);
        CatalogRefusal.ThrowIfLonger("description", description, CatalogRefusal.MaxDescriptionLength);
        caller.Must(ConsumerRecord.MayBeRegisteredBy(caller, team), "team", $"'{caller.Name}' does not act for team '{team}'");
        if (requestsPerSecond is not null)
        {
            caller.Must(ConsumerRecord.RateMayBeSetBy(caller), "requestsPerSecond", "only a platform administrator sets a consumer's rate");
            CheckRate(requestsPerSecond);
        }

        if (!await teams.ExistsAsync(team, cancellationToken))
        {
            throw CatalogRefusal.NotFound("team", $"no team '{team}': it owns no registered data product and the catalog keeps no such team");
        }

        if (await db.Consumers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            throw CatalogRefusal.Conflict("id", $"consumer '{id}' already exists");
        }

        var consumer = new ConsumerRecord { Id = id, Team = team, Description = description, RequestsPerSecond = requestsPerSecond, CreatedAt = clock.GetUtcNow() };
        db.Consumers.Add(consumer);
        Audit("consumer-registered", caller, id);
        await db.SaveChangesAsync(cancellationToken);
        return consumer;
    }

    /// <summary>An administrator sets the requests per second the gateway lets a consumer's keys make (null: the gateway's default).</summary>
    public async Task<ConsumerRecord> SetRateAsync(string consumerId, int? requestsPerSecond, CatalogCaller caller, CancellationToken cancellationToken)
    {
        CheckConsumerId(consumerId);
        caller.Must(ConsumerRecord.RateMayBeSetBy(caller), "requestsPerSecond", "only a platform administrator sets a consumer's rate");
        CheckRate(requestsPerSecond);
        var consumer = await ConsumerAsync(consumerId, cancellationToken);
        consumer.RequestsPerSecond = requestsPerSecond;
        Audit("rate-set", caller, consumerId, note: requestsPerSecond is { } rate ? $"{rate} requests per second" : "the gateway's default");
        await db.SaveChangesAsync(cancellationToken);
        return consumer;
    }

    /// <summary>The consumers of a team, for its members, its keys and administrators.</summary>
    public async Task<IReadOnlyList<ConsumerRecord>> ConsumersAsync(string team, CatalogCaller caller, CancellationToken cancellationToken)
    {
        CatalogRefusal.ThrowIfBlank("team", team, TeamDirectory.MaxNameLength);
        caller.Must(caller.ActsFor(team), "team", $"'{caller.Name}' does not act for team '{team}'");
        return await db.Consumers.AsNoTracking().Where(c => c.Team == team).OrderBy(c => c.Id).Bounded().ToListAsync(cancellationToken);
    }

    /// <summary>A consumer's keys (prefixes, never the keys), for whoever manages it.</summary>
    public async Task<IReadOnlyList<ApiKeyFacts>> KeysAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        CheckConsumerId(consumerId);
        await ManagedConsumerAsync(consumerId, caller, cancellationToken);
        return await db.ApiKeys.AsNoTracking().Where(k => k.ConsumerId == consumerId).OrderBy(k => k.CreatedAt)
            .Select(k => new ApiKeyFacts(k.Id, k.ConsumerId, k.Prefix, k.CreatedAt, k.RevokedAt)).Bounded().ToListAsync(cancellationToken);
    }

    public async Task<IssuedApiKey> IssueKeyAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        CheckConsumerId(consumerId);
        await ManagedConsumerAsync(consumerId, caller, cancellationToken);
        var issued = Issue(consumerId);
        Audit("key-issued", caller, consumerId, apiKeyId: issued.Id);
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    /// <summary>Replaces a key: the new one is shown once, the old one stops working at once.</summary>
    public async Task<IssuedApiKey> RotateKeyAsync(Guid keyId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        var old = await ManagedActiveKeyAsync(keyId, caller, cancellationToken);
        old.RevokedAt = clock.GetUtcNow();
        var issued = Issue(old.ConsumerId);
        Audit("key-rotated", caller, old.ConsumerId, apiKeyId: issued.Id, note: $"replaces {old.Prefix}… ({old.Id})");
        await db.SaveChangesAsync(cancellationToken);
        return issued;
    }

    public async Task RevokeKeyAsync(Guid keyId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        var key = await ManagedActiveKeyAsync(keyId, caller, cancellationToken);
        key.RevokedAt = clock.GetUtcNow();
        Audit("key-revoked", caller, key.ConsumerId, apiKeyId: key.Id);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Makes <paramref name="key"/> the one active key of a team's own consumer, registering the consumer when new:
    /// the same key again changes nothing, another one replaces it.
    /// </summary>
    public async Task ProvisionTeamKeyAsync(string consumerId, string team, string key, CancellationToken cancellationToken)
    {
        var consumer = await db.Consumers.FindAsync([consumerId], cancellationToken);
        if (consumer is null)
        {
            db.Consumers.Add(new ConsumerRecord { Id = consumerId, Team = team, Description = "The domain team's own key, from the AppHost.", CreatedAt = clock.GetUtcNow() });
            Audit("consumer-registered", AppHost, consumerId);
        }
        else
        {
            consumer.Team = team;
        }

        var hash = ApiKeySecret.Hash(key);
        var active = await db.ApiKeys.Where(k => k.ConsumerId == consumerId && k.RevokedAt == null).ToListAsync(cancellationToken);
        if (!active.Any(k => k.Hash == hash))
        {
            Audit("key-issued", AppHost, consumerId, apiKeyId: Issue(consumerId, key).Id);
        }

        foreach (var replaced in active.Where(k => k.Hash != hash))
        {
            replaced.RevokedAt = clock.GetUtcNow();
            Audit("key-revoked", AppHost, consumerId, apiKeyId: replaced.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whoever manages a consumer asks for access to a data product for it, with a purpose.</summary>
    public async Task<AccessRequestRecord> RequestAsync(string dataProductId, string consumerId, string purpose, bool personalData, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        CatalogRefusal.ThrowIfBlank("dataProductId", dataProductId, DataProductRecord.MaxIdLength);
        CatalogRefusal.ThrowIfBlank("consumerId", consumerId, MaxIdLength);
        CatalogRefusal.ThrowIfBlank("purpose", purpose, MaxPurposeLength);
        await ManagedConsumerAsync(consumerId, caller, cancellationToken);
        await ProductAsync(dataProductId, cancellationToken);
        var request = new AccessRequestRecord
        {
            Id = Guid.CreateVersion7(),
            DataProductId = dataProductId,
            ConsumerId = consumerId,
            Purpose = purpose.Trim(),
            PersonalData = personalData,
            Status = AccessStatus.Pending,
            RequestedBy = caller.Name,
            RequestedByKind = caller.Kind,
            RequestedAt = clock.GetUtcNow(),
        };
        db.AccessRequests.Add(request);
        Audit("requested", caller, consumerId, dataProductId, request.Id, note: purpose.Trim());
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>The owner team approves or denies a pending request (<see cref="AccessRequestRecord.MayBeDecidedBy"/>).</summary>
    public async Task<AccessRequestRecord> DecideAsync(Guid requestId, bool approve, string? note, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        CheckNote(note);
        var request = await RequestRecordAsync(requestId, cancellationToken);
        var product = await ProductAsync(request.DataProductId, cancellationToken);
        caller.Must(product.AccessMayBeDecidedBy(caller), "team", $"only owners of team '{product.Owner}' decide on access to {product.Id}; '{caller.Name}' is not one");
        caller.Must(request.MayBeDecidedBy(caller, product), "requestId", $"'{caller.Name}' asked for this access and may not decide on it too");
        request.Decide(approve, caller, clock.GetUtcNow());
        Audit(approve ? "approved" : "denied", caller, request.ConsumerId, request.DataProductId, request.Id, note);
        await db.SaveChangesAsync(cancellationToken);
        if (approve)
        {
            // A product with a SQL port: its domain grants the consumer's login what the grant says.
            await sqlGrants.ChangedAsync(request.DataProductId, request.ConsumerId, cancellationToken);
        }

        return request;
    }

    /// <summary>Ends a grant: the owner team or whoever manages the consumer may.</summary>
    public async Task<AccessRequestRecord> RevokeAsync(Guid requestId, string? note, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        CheckNote(note);
        var request = await RequestRecordAsync(requestId, cancellationToken);
        var product = await ProductAsync(request.DataProductId, cancellationToken);
        var consumer = await ConsumerAsync(request.ConsumerId, cancellationToken);
        caller.Must(AccessRequestRecord.MayBeRevokedBy(caller, product, consumer), "team",
            $"only owners of team '{product.Owner}' or those who manage consumer '{consumer.Id}' (team '{consumer.Team}') revoke this grant");
        request.Revoke();
        Audit("revoked", caller, request.ConsumerId, request.DataProductId, request.Id, note);
        await db.SaveChangesAsync(cancellationToken);
        await sqlGrants.ChangedAsync(request.DataProductId, request.ConsumerId, cancellationToken);
        return request;
    }

    /// <summary>The pending requests for the products a team owns: its approval queue, for its members, its keys and administrators.</summary>
    public async Task<IReadOnlyList<AccessRequestRecord>> QueueAsync(string team, CatalogCaller caller, CancellationToken cancellationToken)
    {
        CatalogRefusal.ThrowIfBlank("team", team, TeamDirectory.MaxNameLength);
        caller.Must(caller.ActsFor(team), "team", $"only members of team '{team}' and administrators see its approval queue");
        return await db.AccessRequests.AsNoTracking()
            .Where(r => r.Status == AccessStatus.Pending && db.DataProducts.Any(p => p.Id == r.DataProductId && p.Owner == team))
            .OrderBy(r => r.RequestedAt).Bounded().ToListAsync(cancellationToken);
    }

    /// <summary>Every step of a request, for the owner team's members and keys and administrators.</summary>
    public async Task<IReadOnlyList<AccessAuditRecord>> AuditTrailAsync(Guid requestId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        var request = await RequestRecordAsync(requestId, cancellationToken);
        var product = await ProductAsync(request.DataProductId, cancellationToken);
        caller.Must(product.AccessRecordsVisibleTo(caller), "requestId", $"only members of team '{product.Owner}' and administrators see the audit trail of access to {product.Id}");
        return await db.AccessAudit.AsNoTracking().Where(a => a.RequestId == requestId).OrderBy(a => a.Id).Bounded().ToListAsync(cancellationToken);
    }

    /// <summary>A consumer's requests and grants, for whoever manages it.</summary>
    public async Task<IReadOnlyList<AccessRequestRecord>> RequestsOfAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        CheckConsumerId(consumerId);
        await ManagedConsumerAsync(consumerId, caller, cancellationToken);
        return await db.AccessRequests.AsNoTracking().Where(r => r.ConsumerId == consumerId)
            .OrderBy(r => r.DataProductId).ThenBy(r => r.RequestedAt).Bounded().ToListAsync(cancellationToken);
    }

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

    private void Audit(string action, CatalogCaller caller, string consumerId, string? dataProductId = null, Guid? requestId = null, string? note = null, Guid? apiKeyId = null) =>
        db.AccessAudit.Add(AccessAuditRecord.Of(action, caller, clock.GetUtcNow(), consumerId, dataProductId, requestId, note, apiKeyId));

    /// <summary>The consumer, when <paramref name="caller"/> manages it (its keys, requests, grants and SQL login): 401, 403 or 404 otherwise.</summary>
    public async Task<ConsumerRecord> ManagedConsumerAsync(string consumerId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        var consumer = await ConsumerAsync(consumerId, cancellationToken);
        caller.Must(consumer.MayBeManagedBy(caller), "consumerId", caller is ConsumerCaller
            ? $"an API key acts for its own consumer only, not for '{consumerId}'"
            : $"only members of team '{consumer.Team}' and administrators manage consumer '{consumerId}'");
        return consumer;
    }

    private async Task<ApiKeyRecord> ManagedActiveKeyAsync(Guid keyId, CatalogCaller caller, CancellationToken cancellationToken)
    {
        caller.MustBeIdentified();
        var key = await db.ApiKeys.FindAsync([keyId], cancellationToken) ?? throw CatalogRefusal.NotFound("keyId", $"no API key {keyId}");
        var consumer = await ConsumerAsync(key.ConsumerId, cancellationToken);
        caller.Must(consumer.MayBeManagedBy(caller), "keyId", $"API key {key.Prefix}… belongs to consumer '{consumer.Id}', which '{caller.Name}' does not manage");
        return key.RevokedAt is null ? key : throw CatalogRefusal.Conflict("keyId", $"API key {key.Prefix}… is already revoked");
    }

    private async Task<ConsumerRecord> ConsumerAsync(string id, CancellationToken cancellationToken) =>
        await db.Consumers.FindAsync([id], cancellationToken) ?? throw CatalogRefusal.NotFound("consumerId", $"no consumer '{id}'");

    private async Task<DataProductRecord> ProductAsync(string id, CancellationToken cancellationToken) =>
        await db.DataProducts.FindAsync([id], cancellationToken) ?? throw CatalogRefusal.NotFound("dataProductId", $"no data product '{id}'");

    private async Task<AccessRequestRecord> RequestRecordAsync(Guid id, CancellationToken cancellationToken) =>
        await db.AccessRequests.FindAsync([id], cancellationToken) ?? throw CatalogRefusal.NotFound("requestId", $"no access request {id}");

    private static void CheckRate(int? requestsPerSecond)
    {
        if (requestsPerSecond is < 1 or > MaxRequestsPerSecond)
        {
            throw CatalogRefusal.Invalid("requestsPerSecond", $"is from 1 to {MaxRequestsPerSecond}, or absent for the gateway's default");
        }
    }

    /// <summary>Refuses (400) a consumer id in the path that no consumer can have.</summary>
    private static void CheckConsumerId(string consumerId) => CatalogRefusal.ThrowIfBlank("id", consumerId, MaxIdLength);

    private static void CheckNote(string? note) => CatalogRefusal.ThrowIfLonger("note", note, MaxNoteLength);
}
