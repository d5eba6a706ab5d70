using System.Globalization;

namespace DataMesh.Catalog.Sql;

/// <summary>The catalog's settings for consumers' PostgreSQL logins: their one home.</summary>
public static class SqlLoginSettings
{
    /// <summary>How long the catalog waits between attempts to drop a revoked login's role (a TimeSpan, e.g. <c>00:00:10</c>).</summary>
    public const string DropRetryIntervalKey = "Catalog:SqlLogins:DropRetryInterval";

    /// <summary>Ten seconds: the domains revoke within a minute (their reconciliation), sooner when the event reaches them.</summary>
    public static readonly TimeSpan DefaultDropRetryInterval = TimeSpan.FromSeconds(10);

    public static TimeSpan DropRetryInterval(IConfiguration configuration) =>
        configuration[DropRetryIntervalKey] is { Length: > 0 } text
            ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) is { TotalMilliseconds: > 0 } interval ? interval
                : throw new InvalidOperationException($"{DropRetryIntervalKey} must be a positive time span, not '{text}'.")
            : DefaultDropRetryInterval;
}
