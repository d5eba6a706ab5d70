using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DaprSidecarStandIn;

/// <summary>
/// Reads the <c>kind: Resiliency</c> documents in the resources path as daprd does in standalone mode (dapr/dapr
/// <c>pkg/resiliency/resiliency.go</c>, <c>LoadLocalResiliency</c>, <c>FromConfigurations</c>, <c>DecodeConfiguration</c>):
/// the first document of each <c>.yaml</c>/<c>.yml</c> file in name order, kept when its <c>scopes</c> are empty or name
/// the app, merged in that order (a later policy or target of the same name wins).
/// <para>
/// daprd logs a document it cannot decode and runs without it, and quietly ignores fields it does not know and targets
/// naming policies that do not exist. The stand-in refuses to start instead, naming the file, line and field, so that a
/// policy that would be lost under daprd fails the tests.
/// </para>
/// </summary>
public sealed class ResiliencyLoader(ILogger<ResiliencyLoader> logger)
{
    private const string Kind = "Resiliency";

    // pkg/apis/resiliency/v1alpha1/types.go: the fields of a retry policy (Retry) and of a target's direction (PolicyNames).
    private static readonly string[] RetryFields = ["policy", "duration", "maxInterval", "maxRetries", "matching"];
    private static readonly string[] MatchingFields = ["httpStatusCodes", "gRPCStatusCodes"];
    private static readonly string[] DirectionFields = ["timeout", "retry", "circuitBreaker"];

    /// <exception cref="InvalidDataException">A Resiliency document daprd would not apply as written, naming file, line and field.</exception>
    public InboundPolicies Load(string resourcesPath, string appId)
    {
        var policies = new Builder();
        if (!Directory.Exists(resourcesPath))
        {
            return policies.Build();
        }

        var files = Directory.EnumerateFiles(resourcesPath)
            .Where(file => file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var stream = ResourceFile.Load(file);

            for (var index = 0; index < stream.Documents.Count; index++)
            {
                if (stream.Documents[index].RootNode is not YamlMappingNode root || Scalar(root, "kind") != Kind)
                {
                    continue;
                }

                var where = new Where(file);
                if (index > 0)
                {
                    // sigs.k8s.io/yaml reads the first document of a file only.
                    throw where.Error(root, "kind", "a Resiliency that is not the first document of its file is never read by daprd; give it a file of its own.");
                }

                var name = Mapping(root, "metadata", where, "metadata") is { } metadata ? Scalar(metadata, "name") : null;
                var scopes = Sequence(root, "scopes", where);
                if (scopes.Count > 0 && !scopes.Contains(appId, StringComparer.Ordinal))
                {
                    logger.LogInformation("Resiliency {Name} in {File} is scoped to {Scopes}, not to {AppId}: not applied", name, file, string.Join(", ", scopes), appId);
                    continue;
                }

                var spec = Mapping(root, "spec", where, "spec") ?? new YamlMappingNode();
                policies.Add(spec, where);
                logger.LogInformation("Resiliency {Name} loaded from {File}", name ?? "(unnamed)", file);
            }
        }

        return policies.Build();
    }

    private sealed class Builder
    {
        private readonly Dictionary<string, (RetryPolicy Policy, string Description)> retries = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TimeSpan> timeouts = new(StringComparer.Ordinal);
        private readonly HashSet<string> circuitBreakers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string? Retry, string? Timeout, string? CircuitBreaker, Where Where, YamlMappingNode Node)> components = new(StringComparer.Ordinal);

        public void Add(YamlMappingNode spec, Where where)
        {
            Known(spec, where, "spec", "policies", "targets");
            if (Mapping(spec, "policies", where, "spec.policies") is { } policies)
            {
                Known(policies, where, "spec.policies", "timeouts", "retries", "circuitBreakers");
                foreach (var (name, node) in Entries(policies, "timeouts", where, "spec.policies.timeouts"))
                {
                    var field = $"spec.policies.timeouts.{name}";
                    timeouts[name] = node is YamlScalarNode { Value: { } text } && GoSyntax.TryParseDuration(text, out var timeout)
                        ? timeout
                        : throw where.Error(node, field, "is not a duration (milliseconds, or Go syntax such as 500ms, 2s, 1m).");
                }

                foreach (var (name, node) in Entries(policies, "retries", where, "spec.policies.retries"))
                {
                    retries[name] = Retry(node, where, $"spec.policies.retries.{name}");
                }

                foreach (var (name, _) in Entries(policies, "circuitBreakers", where, "spec.policies.circuitBreakers"))
                {
                    circuitBreakers.Add(name);
                }
            }

            if (Mapping(spec, "targets", where, "spec.targets") is { } targets)
            {
                Known(targets, where, "spec.targets", "apps", "actors", "components");
                foreach (var (name, node) in Entries(targets, "components", where, "spec.targets.components"))
                {
                    var field = $"spec.targets.components.{name}";
                    var component = node as YamlMappingNode ?? throw where.Error(node, field, "must be a mapping with inbound and outbound.");
                    Known(component, where, field, "inbound", "outbound");
                    var inbound = Mapping(component, "inbound", where, field + ".inbound") ?? new YamlMappingNode();
                    Known(inbound, where, field + ".inbound", DirectionFields);
                    components[name] = (Scalar(inbound, "retry"), Scalar(inbound, "timeout"), Scalar(inbound, "circuitBreaker"), where, inbound);
                }
            }
        }

        public InboundPolicies Build()
        {
            var resolved = new Dictionary<string, InboundPolicy>(StringComparer.Ordinal);
            foreach (var (component, (retry, timeout, circuitBreaker, where, node)) in components)
            {
                var field = $"spec.targets.components.{component}.inbound";
                if (circuitBreaker is not null)
                {
                    throw where.Error(node, field + ".circuitBreaker", "circuit breakers on a pub/sub's inbound direction are beyond the stand-in.");
                }

                resolved[component] = Policy(
                    retry is null ? null : retries.TryGetValue(retry, out var policy) ? (retry, policy) : throw where.Error(node, field + ".retry", $"names retry policy '{retry}', which no Resiliency defines (daprd would apply no retry)."),
                    timeout is null ? null : timeouts.TryGetValue(timeout, out var duration) ? (timeout, duration) : throw where.Error(node, field + ".timeout", $"names timeout '{timeout}', which no Resiliency defines (daprd would apply no timeout)."));
            }

            // pkg/resiliency/resiliency.go, getDefaultPolicy: for a component no target names, the most specific of the
            // Default{Pubsub}Component{Inbound}... policies that exists.
            string[] levels = ["PubsubComponentInbound", "ComponentInbound", "Component", string.Empty];
            if (levels.Select(level => $"Default{level}CircuitBreakerPolicy").FirstOrDefault(circuitBreakers.Contains) is { } defaultBreaker)
            {
                throw new InvalidDataException($"Circuit breaker policy {defaultBreaker} would apply to pub/sub deliveries; circuit breakers are beyond the stand-in.");
            }

            var defaultRetry = levels.Select(level => $"Default{level}RetryPolicy").FirstOrDefault(retries.ContainsKey);
            var defaultTimeout = levels.Select(level => $"Default{level}TimeoutPolicy").FirstOrDefault(timeouts.ContainsKey);
            var fallback = Policy(
                defaultRetry is null ? null : (defaultRetry, retries[defaultRetry]),
                defaultTimeout is null ? null : (defaultTimeout, timeouts[defaultTimeout]));
            return new InboundPolicies(resolved, fallback);
        }

        private static InboundPolicy Policy((string Name, (RetryPolicy Policy, string Description) Retry)? retry, (string Name, TimeSpan Duration)? timeout)
        {
            if (retry is null && timeout is null)
            {
                return InboundPolicy.None;
            }

            var parts = new List<string>();
            if (retry is { } r)
            {
                parts.Add($"retry {r.Name} ({r.Retry.Description})");
            }

            if (timeout is { } t)
            {
                parts.Add($"timeout {t.Name} ({t.Duration})");
            }

            return new InboundPolicy(string.Join(", ", parts), retry?.Retry.Policy, timeout?.Duration);
        }

        private static (RetryPolicy Policy, string Description) Retry(YamlNode node, Where where, string field)
        {
            var mapping = node as YamlMappingNode ?? throw where.Error(node, field, "must be a mapping of policy, duration, maxInterval, maxRetries and matching.");
            Known(mapping, where, field, RetryFields);
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in RetryFields.SkipLast(1))
            {
                if (Scalar(mapping, name) is { } value)
                {
                    fields[name] = value;
                }
            }

            RetryPolicy policy;
            try
            {
                policy = RetryPolicy.Decode(fields, name => $"{field}.{name}");
            }
            catch (InvalidDataException invalid)
            {
                // The message names the field already.
                throw where.Error(mapping, invalid.Message);
            }

            if (Mapping(mapping, "matching", where, field + ".matching") is { } matching)
            {
                Known(matching, where, field + ".matching", MatchingFields);
                if (Scalar(matching, "httpStatusCodes") is { Length: > 0 } http)
                {
                    policy = policy with { RetriedHttpStatusCodes = Codes(http, 100, 599, matching, where, field + ".matching.httpStatusCodes") };
                }

                if (Scalar(matching, "gRPCStatusCodes") is { Length: > 0 } grpc)
                {
                    // Checked as daprd checks it; the stand-in delivers over HTTP only, so it never applies.
                    _ = Codes(grpc, 0, 16, matching, where, field + ".matching.gRPCStatusCodes");
                }
            }

            var description = policy.Kind == BackOffKind.Constant
                ? $"constant {policy.Duration}"
                : $"exponential from {policy.InitialInterval} up to {policy.MaxInterval}, for at most {policy.MaxElapsedTime}";
            return (policy, $"{description}, maxRetries {policy.MaxRetries}");
        }

        /// <summary>pkg/resiliency/retry.go, <c>parsePatterns</c>: comma-separated codes or <c>from-to</c> ranges within the valid codes.</summary>
        private static List<(int From, int To)> Codes(string patterns, int lowest, int highest, YamlNode node, Where where, string field)
        {
            var ranges = new List<(int From, int To)>();
            foreach (var pattern in patterns.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var bounds = pattern.Split('-');
                if (bounds.Length > 2
                    || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                    || !int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                    || from < lowest || to > highest || to < from)
                {
                    throw where.Error(node, field, $"'{pattern}' is not a code or a from-to range within {lowest}-{highest}.");
                }

                ranges.Add((from, to));
            }

            return ranges;
        }
    }

    /// <summary>The file being read, to name it with the line and field of an error.</summary>
    private sealed record Where(string File)
    {
        public InvalidDataException Error(YamlNode node, string field, string message) => Error(node, $"{field}: {message}");

        public InvalidDataException Error(YamlNode node, string message) =>
            new($"{File}:{node.Start.Line.ToString(CultureInfo.InvariantCulture)}: {message}");
    }

    private static void Known(YamlMappingNode node, Where where, string field, params string[] known)
    {
        foreach (var key in node.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw where.Error(key, $"{field}.{name}", $"is not a field daprd reads here (it would be ignored); expected {string.Join(", ", known)}.");
            }
        }
    }

    private static IEnumerable<(string Name, YamlNode Node)> Entries(YamlMappingNode parent, string key, Where where, string field) =>
        Mapping(parent, key, where, field) is { } mapping
            ? mapping.Children.Select(pair => ((pair.Key as YamlScalarNode)?.Value ?? string.Empty, pair.Value))
            : [];

    private static YamlMappingNode? Mapping(YamlMappingNode parent, string key, Where where, string field) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node switch
            {
                YamlMappingNode mapping => mapping,
                YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" } => null,
                _ => throw where.Error(node, field, "must be a mapping."),
            }
            : null;

    private static List<string> Sequence(YamlMappingNode parent, string key, Where where) =>
        parent.Children.TryGetValue(new YamlScalarNode(key), out var node)
            ? node as YamlSequenceNode is { } list
                ? list.Children.OfType<YamlScalarNode>().Select(item => item.Value ?? string.Empty).ToList()
                : throw where.Error(node, key, "must be a list of app ids.")
            : [];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}

/// <summary>The inbound policy of each pub/sub component, as the loaded Resiliency documents define it for this app.</summary>
public sealed class InboundPolicies(IReadOnlyDictionary<string, InboundPolicy> byComponent, InboundPolicy fallback)
{
    public InboundPolicy For(string pubsubName) => byComponent.GetValueOrDefault(pubsubName, fallback);
}
