namespace DataMesh.Tool.Test;

/// <summary>Where the live data behind a contract's server is, as the caller of <c>datamesh test</c> named it.</summary>
/// <param name="ConnectionString">The database behind the server (Npgsql form, with its password): the quality rules run there.</param>
/// <param name="BaseAddress">The address an api server's <c>location</c> (a path under the gateway) is resolved against.</param>
/// <param name="ApiKey">The consumer's key the query endpoint is called with, sent as the gateway expects it.</param>
public sealed record ContractTestTarget(string? ConnectionString = null, Uri? BaseAddress = null, string? ApiKey = null);
