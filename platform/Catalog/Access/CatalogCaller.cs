using DataMesh.Catalog.Api;

namespace DataMesh.Catalog.Access;

/// <summary>
/// Who calls the catalog, as far as the catalog can prove it: nobody known (<see cref="Anonymous"/>), a signed-in
/// <see cref="PersonCaller"/>, an application through the gateway (<see cref="ConsumerCaller"/>, its API key's consumer),
/// or a mesh service by its credential (<see cref="ServiceCaller"/>). Built per request by <see cref="CatalogCallerResolver"/>;
/// the records the caller touches decide what it may do.
/// </summary>
public abstract record CatalogCaller
{
    /// <summary>The field a refusal of an unidentified caller names.</summary>
    public const string Field = "caller";

    /// <summary>
    /// The longest <see cref="Name"/>: a person's user name as the people's store keeps it (ASP.NET Core Identity's
    /// 256-character column), longer than any consumer id or service name (checked where they are configured).
    /// </summary>
    public const int MaxNameLength = 256;

    public static CatalogCaller Anonymous { get; } = new AnonymousCaller();

    public abstract CallerKind Kind { get; }

    /// <summary>What the audit trail records: the person's user name, the consumer's id, the service's name.</summary>
    public abstract string Name { get; }

    /// <summary>A platform administrator may do everything.</summary>
    public virtual bool IsAdministrator => false;

    public bool IsIdentified => Kind != CallerKind.Anonymous;

    /// <summary>Whether the caller speaks for <paramref name="team"/>: a member (any role), a key of one of its consumers, an administrator.</summary>
    public virtual bool ActsFor(string team) => false;

    /// <summary>Whether the caller decides access to <paramref name="team"/>'s data products: a member with role owner, a key of the team, an administrator.</summary>
    public virtual bool DecidesFor(string team) => false;

    /// <summary>Refuses an unidentified caller (401): nothing is changed, or shown beyond discovery, for nobody.</summary>
    /// <exception cref="CatalogRefusal">401 naming <see cref="Field"/>.</exception>
    public void MustBeIdentified()
    {
        if (!IsIdentified)
        {
            throw CatalogRefusal.Unauthorized(Field, "sign in, or call through the gateway with an API key");
        }
    }

    /// <summary>Refuses an unidentified caller (401) and an identified one the rule does not allow (403, naming <paramref name="field"/>).</summary>
    /// <exception cref="CatalogRefusal">401 or 403.</exception>
    public void Must(bool allowed, string field, string detail)
    {
        MustBeIdentified();
        if (!allowed)
        {
            throw CatalogRefusal.Forbidden(field, detail);
        }
    }

    /// <summary>Lets an endpoint take the caller as a parameter: the request's caller, resolved once per request.</summary>
    public static async ValueTask<CatalogCaller?> BindAsync(HttpContext context) =>
        await context.RequestServices.GetRequiredService<CatalogCallerResolver>().ResolveAsync(context, context.RequestAborted);
}
