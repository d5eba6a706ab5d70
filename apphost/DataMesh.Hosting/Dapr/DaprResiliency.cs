using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.DataMesh.Kubernetes;

namespace Aspire.Hosting.Dapr;

/// <summary>
/// The Dapr <c>Resiliency</c> (dapr/dapr pkg/apis/resiliency/v1alpha1) that applies a component's <see cref="DaprInboundRetry"/>
/// to <c>targets.components.{component}.inbound</c>: one retry policy, <c>{component}-inbound</c>. The same spec is written
/// to the resources path daprd reads in a run (it loads every YAML file there whose kind is Resiliency,
/// pkg/resiliency/resiliency.go), to the cluster in deploy/kubernetes, and into the component's manifest entry.
/// </summary>
public static class DaprResiliency
{
    public const string Kind = "Resiliency";

    /// <summary>The Resiliency's name, and in a run the name of its file (<c>{name}.yaml</c>).</summary>
    public static string NameOf(DaprComponentResource component) => $"{component.Name}-resiliency";

    /// <summary>The spec for <paramref name="component"/>; null when it has no <see cref="DaprInboundRetry"/>.</summary>
    public static DaprResiliencySpec? SpecOf(DaprComponentResource component)
    {
        if (component.Annotations.OfType<DaprInboundRetry>().LastOrDefault() is not { } retry)
        {
            return null;
        }

        var policy = $"{component.Name}-inbound";
        return new DaprResiliencySpec(
            new DaprResiliencyPolicies(new Dictionary<string, DaprRetrySpec>
            {
                [policy] = new(DaprInboundRetry.Policy, retry.MaxIntervalText, retry.MaxRetries),
            }),
            new DaprResiliencyTargets(new Dictionary<string, DaprComponentPolicyNames>
            {
                [component.Name] = new(new DaprPolicyNames(policy)),
            }));
    }

    /// <summary>The whole document daprd reads from its resources path, unscoped: only this run's sidecars read that folder.</summary>
    public static Dictionary<string, object>? DocumentOf(DaprComponentResource component) => SpecOf(component) is { } spec
        ? new Dictionary<string, object>
        {
            ["apiVersion"] = DaprKubernetes.ApiVersion,
            ["kind"] = Kind,
            ["metadata"] = new Dictionary<string, string> { ["name"] = NameOf(component) },
            ["spec"] = spec,
        }
        : null;
}

public sealed record DaprResiliencySpec(DaprResiliencyPolicies Policies, DaprResiliencyTargets Targets);

public sealed record DaprResiliencyPolicies(IReadOnlyDictionary<string, DaprRetrySpec> Retries);

/// <summary>A named retry policy as daprd decodes it (dapr/kit retry): <c>policy</c>, <c>maxInterval</c>, <c>maxRetries</c>.</summary>
public sealed record DaprRetrySpec(string Policy, string MaxInterval, int MaxRetries);

public sealed record DaprResiliencyTargets(IReadOnlyDictionary<string, DaprComponentPolicyNames> Components);

public sealed record DaprComponentPolicyNames(DaprPolicyNames Inbound);

public sealed record DaprPolicyNames(string Retry);
