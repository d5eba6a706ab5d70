using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Aspire.Hosting.DataMesh.Kubernetes;

/// <summary>
/// What the Kubernetes publish step cannot read from the AppHost's model: where images live, how many
/// replicas run, and which PostgreSQL to deploy. Read from the <c>Kubernetes</c> configuration section
/// (command line <c>--Kubernetes:Replicas=3</c>, environment <c>Kubernetes__Replicas=3</c>).
/// </summary>
public sealed record KubernetesPublishOptions
{
    public const string Section = "Kubernetes";

    /// <summary>The namespace every object goes to (kustomization's <c>namespace</c>).</summary>
    public string Namespace { get; init; } = "datamesh";

    /// <summary>The registry and path the services' images are pushed to: <c>{ImageRegistry}/{service}:{ImageTag}</c>.</summary>
    public string ImageRegistry { get; init; } = "registry.example.com/datamesh";

    public string ImageTag { get; init; } = "latest";

    /// <summary>Replicas of each service, and the floor of its autoscaler.</summary>
    public int Replicas { get; init; } = 2;

    /// <summary>The ceiling of each service's autoscaler.</summary>
    public int MaxReplicas { get; init; } = 10;

    /// <summary>The average CPU use, in percent of the request, that the autoscaler keeps pods at.</summary>
    public int TargetCpuUtilization { get; init; } = 70;

    /// <summary>CloudNativePG (an operator-run cluster, the default) or a plain StatefulSet.</summary>
    public KubernetesPostgres Postgres { get; init; } = KubernetesPostgres.CloudNativePG;

    /// <summary>Kafka brokers (Strimzi node pool replicas), which is also each topic's replication factor.</summary>
    public int KafkaBrokers { get; init; } = 3;

    /// <summary>Partitions of a topic whose contract states none (SLA property <c>partitions</c>).</summary>
    public int DefaultPartitions { get; init; } = 3;

    /// <summary>The host name the edge's Ingress answers; empty answers every host.</summary>
    public string? IngressHost { get; init; }

    /// <summary>The IngressClass to use; empty leaves it to the cluster's default class.</summary>
    public string? IngressClassName { get; init; }

    public static KubernetesPublishOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new KubernetesPublishOptions();
        return new KubernetesPublishOptions
        {
            Namespace = Text(section, nameof(Namespace)) ?? defaults.Namespace,
            ImageRegistry = (Text(section, nameof(ImageRegistry)) ?? defaults.ImageRegistry).TrimEnd('/'),
            ImageTag = Text(section, nameof(ImageTag)) ?? defaults.ImageTag,
            Replicas = Count(section, nameof(Replicas), defaults.Replicas, minimum: 1),
            MaxReplicas = Count(section, nameof(MaxReplicas), defaults.MaxReplicas, minimum: 1),
            TargetCpuUtilization = Count(section, nameof(TargetCpuUtilization), defaults.TargetCpuUtilization, minimum: 1),
            Postgres = Text(section, nameof(Postgres))?.ToLowerInvariant() switch
            {
                null or "cloudnativepg" => KubernetesPostgres.CloudNativePG,
                "statefulset" => KubernetesPostgres.StatefulSet,
                var other => throw new DistributedApplicationException(
                    $"{Section}:{nameof(Postgres)} is '{other}'; it must be 'cloudnativepg' (the default) or 'statefulset'."),
            },
            KafkaBrokers = Count(section, nameof(KafkaBrokers), defaults.KafkaBrokers, minimum: 1),
            DefaultPartitions = Count(section, nameof(DefaultPartitions), defaults.DefaultPartitions, minimum: 1),
            IngressHost = Text(section, nameof(IngressHost)),
            IngressClassName = Text(section, nameof(IngressClassName)),
        } is var options && options.MaxReplicas < options.Replicas
            ? throw new DistributedApplicationException(
                $"{Section}:{nameof(MaxReplicas)} is {options.MaxReplicas}, below {Section}:{nameof(Replicas)} ({options.Replicas}); the autoscaler needs room to grow.")
            : options;
    }

    private static string? Text(IConfiguration section, string key) =>
        section[key] is { } value && value.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    private static int Count(IConfiguration section, string key, int fallback, int minimum)
    {
        if (Text(section, key) is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new DistributedApplicationException($"{Section}:{key} is '{text}'; it must be a whole number of at least {minimum}.");
    }
}

/// <summary>How the mesh's PostgreSQL runs on the cluster.</summary>
public enum KubernetesPostgres
{
    /// <summary>A CloudNativePG <c>Cluster</c> with one <c>Database</c> per domain: failover, backups and upgrades by the operator.</summary>
    CloudNativePG,

    /// <summary>A single-instance StatefulSet of the AppHost's PostgreSQL image, for clusters without the operator.</summary>
    StatefulSet,
}
