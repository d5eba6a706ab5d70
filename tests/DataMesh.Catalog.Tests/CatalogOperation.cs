using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DataMesh.Catalog.Access;
using DataMesh.Catalog.Api;
using DataMesh.Catalog.Sql;
using DataMesh.DataProducts.Registration;
using Microsoft.Extensions.DependencyInjection;

namespace DataMesh.Catalog.Tests;

/// <summary>
/// One operation of the catalog that changes something or shows what only some may see: its HTTP request on a
/// <see cref="Scene"/>, and the same operation on the catalog's services for a caller built directly (a signed-in person).
/// </summary>
internal sealed record CatalogOperation(string Name, HttpMethod Method, Func<Scene, string> Path, Func<Scene, object?> Body, Func<IServiceProvider, Scene, CatalogCaller, Task>? AtDesk)
{
    /// <summary>The operation acts on the scene consumer's PostgreSQL login, which must be issued first (<see cref="Scene.IssueSqlLoginAsync"/>).</summary>
    public bool NeedsSqlLogin { get; init; }

    public HttpRequestMessage Request(Scene scene) => new(Method, Path(scene)) { Content = Body(scene) is { } body ? JsonContent.Create(body) : null };

    public static CatalogOperation Named(string name) => All.Single(o => o.Name == name);

    public static readonly IReadOnlyList<CatalogOperation> All =
    [
        new("register", HttpMethod.Post, _ => Api("registrations"), _ => Definitions.Hr(), null),
        Desk("register-consumer", HttpMethod.Post, _ => Api("consumers"), s => new { id = $"new-{s.Number}", team = People.ConsumerTeam },
            (d, s, c) => d.RegisterConsumerAsync($"new-{s.Number}", People.ConsumerTeam, null, null, c, default)),
        Desk("register-consumer-with-rate", HttpMethod.Post, _ => Api("consumers"), s => new { id = $"new-{s.Number}", team = People.ConsumerTeam, requestsPerSecond = 50 },
            (d, s, c) => d.RegisterConsumerAsync($"new-{s.Number}", People.ConsumerTeam, null, 50, c, default)),
        Desk("set-rate", HttpMethod.Put, s => Api($"consumers/{s.Consumer}/rate"), _ => new { requestsPerSecond = 50 },
            (d, s, c) => d.SetRateAsync(s.Consumer, 50, c, default)),
        Desk("team-consumers", HttpMethod.Get, _ => Api($"teams/{People.ConsumerTeam}/consumers"), _ => null,
            (d, _, c) => d.ConsumersAsync(People.ConsumerTeam, c, default)),
        Desk("issue-key", HttpMethod.Post, s => Api($"consumers/{s.Consumer}/keys"), _ => null, (d, s, c) => d.IssueKeyAsync(s.Consumer, c, default)),
        Desk("list-keys", HttpMethod.Get, s => Api($"consumers/{s.Consumer}/keys"), _ => null, (d, s, c) => d.KeysAsync(s.Consumer, c, default)),
        Desk("rotate-key", HttpMethod.Post, s => Api($"keys/{s.KeyId}/rotate"), _ => null, (d, s, c) => d.RotateKeyAsync(s.KeyId, c, default)),
        Desk("revoke-key", HttpMethod.Post, s => Api($"keys/{s.KeyId}/revoke"), _ => null, (d, s, c) => d.RevokeKeyAsync(s.KeyId, c, default)),
        Desk("request-access", HttpMethod.Post, _ => Api("access-requests"), s => new { dataProductId = Scene.Product, consumerId = s.Consumer, purpose = "More", personalData = true },
            (d, s, c) => d.RequestAsync(Scene.Product, s.Consumer, "More", true, c, default)),
        Desk("consumer-access", HttpMethod.Get, s => Api($"consumers/{s.Consumer}/access-requests"), _ => null, (d, s, c) => d.RequestsOfAsync(s.Consumer, c, default)),
        Desk("approve", HttpMethod.Post, s => Api($"access-requests/{s.PendingId}/approve"), _ => null, (d, s, c) => d.DecideAsync(s.PendingId, true, null, c, default)),
        Desk("deny", HttpMethod.Post, s => Api($"access-requests/{s.PendingId}/deny"), _ => new { note = "no" }, (d, s, c) => d.DecideAsync(s.PendingId, false, "no", c, default)),
        Desk("revoke-access", HttpMethod.Post, s => Api($"access-requests/{s.GrantId}/revoke"), _ => null, (d, s, c) => d.RevokeAsync(s.GrantId, null, c, default)),
        Desk("approval-queue", HttpMethod.Get, _ => Api($"teams/{People.OwnerTeam}/approval-queue"), _ => null, (d, _, c) => d.QueueAsync(People.OwnerTeam, c, default)),
        Desk("access-audit", HttpMethod.Get, s => Api($"access-requests/{s.PendingId}/audit"), _ => null, (d, s, c) => d.AuditTrailAsync(s.PendingId, c, default)),
        Teams("create-team", HttpMethod.Post, _ => Api("teams"), s => new { name = $"team-{s.Number}" }, (t, s, c) => t.CreateTeamAsync($"team-{s.Number}", null, c, default)),
        Teams("add-team-member", HttpMethod.Put, _ => Api($"teams/{People.ConsumerTeam}/members"), s => new { userName = $"joiner-{s.Number}@example.com", role = "Member" },
            (t, s, c) => t.AddMemberAsync(People.ConsumerTeam, $"joiner-{s.Number}@example.com", TeamRole.Member, c, default)),
        Teams("remove-team-member", HttpMethod.Delete, s => Api($"teams/{People.ConsumerTeam}/members/{s.Member}"), _ => null,
            (t, s, c) => t.RemoveMemberAsync(People.ConsumerTeam, s.Member, c, default)),
        new("lookup-key", HttpMethod.Post, _ => Api("keys/lookup"), s => new { key = s.Key }, null),
        new("edge-policy", HttpMethod.Get, _ => Api("edge/policy"), _ => null, null),
        new("report-quality", HttpMethod.Put, _ => new CatalogRegistrationOptions().QualityResultsPath, _ => new QualityResultsReportRequest("hr",
            [new QualityRuleResult(Scene.Product, "hr.employees.events", "1.0.0", "employee-ids-unique", "EmployeeHired.employeeId", "library", QualityRuleResult.Passed, 0, "duplicates: 0", DateTimeOffset.UtcNow.AddMinutes(-1))]), null),
        Sql("sql-login", HttpMethod.Get, s => Api($"consumers/{s.Consumer}/sql-login"), (l, s, c) => l.FindAsync(s.Consumer, c, default)) with { NeedsSqlLogin = true },
        Sql("create-sql-login", HttpMethod.Post, s => Api($"consumers/{s.Consumer}/sql-login"), (l, s, c) => l.CreateAsync(s.Consumer, c, default)),
        Sql("rotate-sql-login", HttpMethod.Post, s => Api($"consumers/{s.Consumer}/sql-login/rotate"), (l, s, c) => l.RotateAsync(s.Consumer, c, default)) with { NeedsSqlLogin = true },
        Sql("revoke-sql-login", HttpMethod.Post, s => Api($"consumers/{s.Consumer}/sql-login/revoke"), (l, s, c) => l.RevokeAsync(s.Consumer, c, default)) with { NeedsSqlLogin = true },
        new("sql-grants", HttpMethod.Get, _ => Api($"products/{Scene.Product}/sql-grants"), _ => null,
            (services, _, caller) => services.GetRequiredService<SqlGrants>().AnswerAsync(Scene.Product, caller, default)),
    ];

    private static string Api(string path) => $"{CatalogApi.Prefix}/{path}";

    private static CatalogOperation Desk(string name, HttpMethod method, Func<Scene, string> path, Func<Scene, object?> body, Func<AccessDesk, Scene, CatalogCaller, Task> atDesk) =>
        new(name, method, path, body, (services, scene, caller) => atDesk(services.GetRequiredService<AccessDesk>(), scene, caller));

    private static CatalogOperation Sql(string name, HttpMethod method, Func<Scene, string> path, Func<SqlLogins, Scene, CatalogCaller, Task> atDesk) =>
        new(name, method, path, _ => null, (services, scene, caller) => atDesk(services.GetRequiredService<SqlLogins>(), scene, caller));

    private static CatalogOperation Teams(string name, HttpMethod method, Func<Scene, string> path, Func<Scene, object?> body, Func<TeamDirectory, Scene, CatalogCaller, Task> atDesk) =>
        new(name, method, path, body, (services, scene, caller) => atDesk(services.GetRequiredService<TeamDirectory>(), scene, caller));
}
