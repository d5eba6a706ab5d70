namespace DataMesh.Catalog.Api;

/// <summary>A request the catalog refuses for a reason the caller can act on; answered as an RFC 7807 problem naming the field.</summary>
public sealed class CatalogRefusal(int statusCode, string fieldName, string detail) : Exception(detail)
{
    public int StatusCode => statusCode;

    /// <summary>The request field (or path parameter) at fault.</summary>
    public string Field => fieldName;

    public static CatalogRefusal NotFound(string field, string detail) => new(StatusCodes.Status404NotFound, field, detail);

    public static CatalogRefusal Invalid(string field, string detail) => new(StatusCodes.Status400BadRequest, field, detail);

    public static CatalogRefusal Unauthorized(string field, string detail) => new(StatusCodes.Status401Unauthorized, field, detail);

    public static CatalogRefusal Forbidden(string field, string detail) => new(StatusCodes.Status403Forbidden, field, detail);

    public static CatalogRefusal Conflict(string field, string detail) => new(StatusCodes.Status409Conflict, field, detail);

    /// <summary>The longest free-text description (of a consumer, of a team) the catalog keeps.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>Refuses (400) an optional text longer than <paramref name="maxLength"/>.</summary>
    public static void ThrowIfLonger(string field, string? value, int maxLength)
    {
        if (value?.Length > maxLength)
        {
            throw Invalid(field, $"at most {maxLength} characters");
        }
    }

    /// <summary>Refuses (400) a missing, blank or too long text.</summary>
    public static void ThrowIfBlank(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            throw Invalid(field, $"is required, at most {maxLength} characters");
        }
    }
}
