using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataMesh.DomainServices.OpenApi;

/// <summary>
/// Bounds a value's own type already enforces, written into the document: a uuid, a date or a date-time string is
/// never longer than its written form (the parser refuses anything else), nor is a time span (<c>[-][d.]hh:mm:ss[.fffffff]</c>),
/// and an int32 or int64 is within its range.
/// Free text carries its bound where the request or view declares it (<c>StringLength</c>, <c>MaxLength</c>).
/// </summary>
public sealed class FormatBoundsSchema : IOpenApiSchemaTransformer
{
    /// <summary>The longest time span System.Text.Json writes and reads: <see cref="TimeSpan.MinValue"/>, -10675199.02:48:05.4775808.</summary>
    private static readonly int TimeSpanLength = TimeSpan.MinValue.ToString("c", CultureInfo.InvariantCulture).Length;

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && schema.MaxLength is null && schema.Enum is not { Count: > 0 })
        {
            schema.MaxLength = schema.Format switch
            {
                "uuid" => 36,
                "date" => 10,
                // yyyy-MM-ddTHH:mm:ss.fffffff+hh:mm, the longest form System.Text.Json writes and reads.
                "date-time" => 33,
                _ when (Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type) == typeof(TimeSpan) => TimeSpanLength,
                _ => schema.MaxLength,
            };
        }

        if (schema.Type is { } integer && integer.HasFlag(JsonSchemaType.Integer))
        {
            var (minimum, maximum) = schema.Format == "int64" ? (long.MinValue, long.MaxValue) : (int.MinValue, (long)int.MaxValue);
            schema.Format ??= "int32";
            schema.Minimum ??= minimum.ToString(CultureInfo.InvariantCulture);
            schema.Maximum ??= maximum.ToString(CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }
}
