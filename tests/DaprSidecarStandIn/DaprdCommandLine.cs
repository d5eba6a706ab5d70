namespace DaprSidecarStandIn;

/// <summary>
/// daprd's command line as the AppHost passes it (<c>--name value</c> pairs; Go's flag package also
/// accepts one dash, <c>--name=value</c> and bare boolean flags). Flags the stand-in has no use for are
/// accepted and reported, never fatal.
/// </summary>
public sealed record DaprdCommandLine
{
    // daprd's own defaults, used when a flag is absent.
    private const int DefaultHttpPort = 3500;
    private const int DefaultGrpcPort = 50001;
    private const int DefaultMetricsPort = 9090;

    private static readonly HashSet<string> KnownIgnoredFlags = new(StringComparer.Ordinal)
    {
        "enable-api-logging", "config", "placement-host-address", "scheduler-host-address",
        "app-health-check-path", "enable-app-health-check", "app-health-probe-interval",
        "app-health-probe-timeout", "app-health-threshold", "app-max-concurrency", "app-ssl",
        "dapr-internal-grpc-port", "dapr-listen-addresses", "dapr-public-port", "enable-metrics",
        "metrics-listen-address", "enable-profiling", "profile-port", "log-as-json", "mode",
        "dapr-http-max-request-size", "dapr-http-read-buffer-size", "dapr-graceful-shutdown-seconds",
        "dapr-block-shutdown-duration", "unix-domain-socket", "control-plane-address",
        "sentry-address", "enable-mtls", "allowed-origins", "kubeconfig", "dapr-internal-grpc-listen-address",
    };

    public required string AppId { get; init; }

    /// <summary>Absent for an app without a port: such a sidecar only publishes, it has no subscriptions.</summary>
    public int? AppPort { get; init; }

    public string AppProtocol { get; init; } = "http";

    public string AppChannelAddress { get; init; } = "localhost";

    public int HttpPort { get; init; } = DefaultHttpPort;

    public int GrpcPort { get; init; } = DefaultGrpcPort;

    public int MetricsPort { get; init; } = DefaultMetricsPort;

    public required string ResourcesPath { get; init; }

    public string LogLevel { get; init; } = "info";

    /// <summary>Flags given but not known to daprd as far as the stand-in knows; logged at startup.</summary>
    public IReadOnlyList<string> UnknownFlags { get; init; } = [];

    /// <summary>daprd flags the stand-in accepts and has no use for; logged at startup.</summary>
    public IReadOnlyList<string> IgnoredFlags { get; init; } = [];

    /// <exception cref="ArgumentException">A required flag is missing or a port is not a port.</exception>
    public static DaprdCommandLine Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        var ignored = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (!token.StartsWith('-'))
            {
                unknown.Add(token);
                continue;
            }

            var name = token.TrimStart('-');
            string value;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                // A bare boolean flag such as --enable-api-logging.
                value = "true";
            }

            values[name] = value;
            if (KnownIgnoredFlags.Contains(name))
            {
                ignored.Add($"--{name} {value}");
            }
            else if (!IsUsed(name))
            {
                unknown.Add($"--{name} {value}");
            }
        }

        var appId = values.GetValueOrDefault("app-id");
        if (string.IsNullOrWhiteSpace(appId))
        {
            throw new ArgumentException("--app-id is required.");
        }

        var resourcesPath = values.GetValueOrDefault("resources-path")
            ?? values.GetValueOrDefault("components-path")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dapr", "components");

        return new DaprdCommandLine
        {
            AppId = appId,
            AppPort = values.TryGetValue("app-port", out var appPort) && appPort.Length > 0 ? ParsePort("app-port", appPort) : null,
            AppProtocol = values.GetValueOrDefault("app-protocol") ?? "http",
            AppChannelAddress = values.GetValueOrDefault("app-channel-address") ?? "localhost",
            HttpPort = values.TryGetValue("dapr-http-port", out var http) ? ParsePort("dapr-http-port", http) : DefaultHttpPort,
            GrpcPort = values.TryGetValue("dapr-grpc-port", out var grpc) ? ParsePort("dapr-grpc-port", grpc) : DefaultGrpcPort,
            MetricsPort = values.TryGetValue("metrics-port", out var metrics) ? ParsePort("metrics-port", metrics) : DefaultMetricsPort,
            ResourcesPath = Path.GetFullPath(resourcesPath),
            LogLevel = values.GetValueOrDefault("log-level") ?? "info",
            UnknownFlags = unknown,
            IgnoredFlags = ignored,
        };
    }

    private static bool IsUsed(string name) => name is "app-id" or "app-port" or "app-protocol" or "app-channel-address"
        or "dapr-http-port" or "dapr-grpc-port" or "metrics-port" or "resources-path" or "components-path" or "log-level";

    private static int ParsePort(string flag, string value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new ArgumentException($"--{flag} '{value}' is not a TCP port.");
}
