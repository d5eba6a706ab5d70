using System.Globalization;

namespace DaprSidecarStandIn;

/// <summary>
/// daprd's command line, parsed as daprd parses it (dapr/dapr <c>cmd/daprd/options/options.go</c>, a spf13/pflag flag
/// set with <c>ExitOnError</c>): <c>--name value</c> or <c>--name=value</c>; a boolean flag takes no value unless written
/// <c>--name=false</c> (a word after it is a positional argument, which daprd ignores); one dash starts shorthand flags,
/// of which daprd has none; an unknown flag, a flag without its value or a value of the wrong type is fatal.
/// Flags the stand-in has no use for are accepted and reported.
/// </summary>
public sealed record DaprdCommandLine
{
    // daprd's own defaults, used when a flag is absent.
    private const int DefaultHttpPort = 3500;
    private const int DefaultGrpcPort = 50001;
    private const int DefaultMetricsPort = 9090;

    // pkg/runtime/config.go: DefaultAppHealthCheckPath; pkg/config/app_connection.go: AppHealthConfigDefault*.
    private const string DefaultAppHealthCheckPath = "/healthz";
    private static readonly TimeSpan DefaultProbeInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DefaultProbeTimeout = TimeSpan.FromMilliseconds(500);
    private const int DefaultHealthThreshold = 3;

    private enum FlagType
    {
        Text,
        TextList,
        Boolean,
        Integer,
        Unsigned,
        Duration,
    }

    /// <summary>Every flag daprd v1.18 defines (cmd/daprd/options/options.go, with dapr/kit's logger and dapr's metrics flags).</summary>
    private static readonly Dictionary<string, FlagType> DaprdFlags = new(StringComparer.Ordinal)
    {
        ["mode"] = FlagType.Text, ["dapr-http-port"] = FlagType.Text, ["dapr-listen-addresses"] = FlagType.Text,
        ["dapr-public-port"] = FlagType.Text, ["dapr-public-listen-address"] = FlagType.Text, ["dapr-grpc-port"] = FlagType.Text,
        ["dapr-internal-grpc-port"] = FlagType.Text, ["dapr-internal-grpc-listen-address"] = FlagType.Text, ["app-port"] = FlagType.Text,
        ["profile-port"] = FlagType.Text, ["app-protocol"] = FlagType.Text, ["components-path"] = FlagType.Text,
        ["resources-path"] = FlagType.TextList, ["config"] = FlagType.TextList, ["app-id"] = FlagType.Text,
        ["control-plane-address"] = FlagType.Text, ["sentry-address"] = FlagType.Text, ["control-plane-trust-domain"] = FlagType.Text,
        ["control-plane-namespace"] = FlagType.Text, ["sentry-request-jwt-audiences"] = FlagType.TextList, ["allowed-origins"] = FlagType.Text,
        ["enable-profiling"] = FlagType.Boolean, ["version"] = FlagType.Boolean, ["build-info"] = FlagType.Boolean, ["wait"] = FlagType.Boolean,
        ["app-max-concurrency"] = FlagType.Integer, ["enable-mtls"] = FlagType.Boolean, ["app-ssl"] = FlagType.Boolean,
        ["dapr-http-max-request-size"] = FlagType.Integer, ["max-body-size"] = FlagType.Text, ["dapr-http-read-buffer-size"] = FlagType.Integer,
        ["read-buffer-size"] = FlagType.Text, ["unix-domain-socket"] = FlagType.Text, ["dapr-graceful-shutdown-seconds"] = FlagType.Integer,
        ["dapr-block-shutdown-duration"] = FlagType.Duration, ["enable-api-logging"] = FlagType.Boolean,
        ["disable-builtin-k8s-secret-store"] = FlagType.Boolean, ["enable-app-health-check"] = FlagType.Boolean,
        ["app-health-check-path"] = FlagType.Text, ["app-health-probe-interval"] = FlagType.Integer, ["app-health-probe-timeout"] = FlagType.Integer,
        ["app-health-threshold"] = FlagType.Integer, ["app-channel-address"] = FlagType.Text, ["disable-init-endpoints"] = FlagType.TextList,
        ["placement-host-address"] = FlagType.Text, ["scheduler-host-address"] = FlagType.TextList, ["scheduler-job-streams"] = FlagType.Unsigned,
        ["actors-disseminate-timeout"] = FlagType.Duration, ["hot-reload-reconcile-interval"] = FlagType.Duration,
        ["app-binding-options-timeout"] = FlagType.Duration, ["reminders-service"] = FlagType.Text, ["actors-service"] = FlagType.Text,
        ["log-level"] = FlagType.Text, ["log-file"] = FlagType.Text, ["log-as-json"] = FlagType.Boolean,
        ["metrics-port"] = FlagType.Text, ["metrics-listen-address"] = FlagType.Text, ["enable-metrics"] = FlagType.Boolean,
    };

    private static readonly HashSet<string> UsedFlags = new(StringComparer.Ordinal)
    {
        "app-id", "app-port", "app-protocol", "app-channel-address", "dapr-http-port", "dapr-grpc-port", "metrics-port",
        "resources-path", "components-path", "log-level", "enable-app-health-check", "app-health-check-path",
        "app-health-probe-interval", "app-health-probe-timeout", "app-health-threshold",
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

    /// <summary>daprd's app health check (<c>--enable-app-health-check</c>); null when it is off.</summary>
    public AppHealthCheckSettings? AppHealthCheck { get; init; }

    /// <summary>daprd flags the stand-in accepts and has no use for; logged at startup.</summary>
    public IReadOnlyList<string> IgnoredFlags { get; init; } = [];

    /// <summary>Words that are not flags (e.g. the <c>false</c> of <c>--enable-app-health-check false</c>), which daprd ignores.</summary>
    public IReadOnlyList<string> PositionalArguments { get; init; } = [];

    /// <exception cref="DaprdFlagException">What pflag refuses; daprd prints it with its usage and exits with code 2.</exception>
    /// <exception cref="ArgumentException">A flag daprd's options or runtime configuration refuses (exit code 1), or one the stand-in needs.</exception>
    public static DaprdCommandLine Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            if (token == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }

            if (!token.StartsWith('-') || token == "-")
            {
                positional.Add(token);
                continue;
            }

            if (!token.StartsWith("--", StringComparison.Ordinal))
            {
                throw token == "-h"
                    ? new DaprdFlagException("pflag: help requested", exitCode: 0)
                    : new DaprdFlagException($"unknown shorthand flag: '{token[1]}' in {token}");
            }

            var name = token[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (name == "help")
            {
                throw new DaprdFlagException("pflag: help requested", exitCode: 0);
            }

            if (!DaprdFlags.TryGetValue(name, out var type))
            {
                throw new DaprdFlagException($"unknown flag: --{name}");
            }

            if (value is null)
            {
                if (type == FlagType.Boolean)
                {
                    value = "true";
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    throw new DaprdFlagException($"flag needs an argument: --{name}");
                }
            }

            Check(name, type, value);
            if (type == FlagType.TextList)
            {
                if (!lists.TryGetValue(name, out var list))
                {
                    lists[name] = list = [];
                }

                list.AddRange(value.Split(',').Select(item => item.Trim()));
                value = string.Join(',', list);
            }

            values[name] = value;
        }

        var appId = values.GetValueOrDefault("app-id");
        if (string.IsNullOrWhiteSpace(appId))
        {
            throw new ArgumentException("--app-id is required.");
        }

        var resourcesPath = lists.GetValueOrDefault("resources-path")?.FirstOrDefault()
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
            AppHealthCheck = AppHealthCheckFrom(values),
            IgnoredFlags = values.Where(pair => !UsedFlags.Contains(pair.Key)).Select(pair => $"--{pair.Key} {pair.Value}").ToList(),
            PositionalArguments = positional,
        };
    }

    /// <summary>
    /// pkg/runtime/config.go (<c>toInternal</c>): a probe interval (seconds) or timeout (milliseconds) of 0 or less
    /// takes the default, a threshold below 1 too; a timeout longer than the interval is refused.
    /// </summary>
    private static AppHealthCheckSettings? AppHealthCheckFrom(Dictionary<string, string> values)
    {
        if (values.GetValueOrDefault("enable-app-health-check") is not { } enabled || !GoSyntax.ParseBool(enabled)!.Value)
        {
            return null;
        }

        var interval = Integer(values, "app-health-probe-interval") is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : DefaultProbeInterval;
        var timeout = Integer(values, "app-health-probe-timeout") is > 0 and var milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : DefaultProbeTimeout;
        var threshold = Integer(values, "app-health-threshold") is >= 1 and <= int.MaxValue - 1 and var count ? (int)count : DefaultHealthThreshold;
        if (timeout > interval)
        {
            throw new ArgumentException("value for 'health-probe-timeout' must be smaller than 'health-probe-interval'");
        }

        var path = values.GetValueOrDefault("app-health-check-path") ?? DefaultAppHealthCheckPath;
        return new AppHealthCheckSettings("/" + path.TrimStart('/'), interval, timeout, threshold);
    }

    private static long? Integer(Dictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) ? GoSyntax.ParseInteger(text) : null;

    /// <summary>The value checks pflag makes as it sets a flag.</summary>
    private static void Check(string name, FlagType type, string value)
    {
        var valid = type switch
        {
            FlagType.Boolean => GoSyntax.ParseBool(value) is not null,
            FlagType.Integer => GoSyntax.ParseInteger(value) is not null,
            FlagType.Unsigned => GoSyntax.ParseInteger(value) is >= 0,
            FlagType.Duration => (value == "0" || !long.TryParse(value, out _)) && GoSyntax.TryParseDuration(value, out _),
            _ => true,
        };
        if (!valid)
        {
            throw new DaprdFlagException($"invalid argument \"{value}\" for \"--{name}\" flag");
        }
    }

    private static int ParsePort(string flag, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535
            ? port
            : throw new ArgumentException($"--{flag} '{value}' is not a TCP port.");
}

/// <summary>daprd's app health check settings (pkg/config/app_connection.go, <c>AppHealthConfig</c>).</summary>
public sealed record AppHealthCheckSettings(string Path, TimeSpan ProbeInterval, TimeSpan ProbeTimeout, int Threshold);

/// <summary>A command line pflag refuses: daprd prints the message and its usage, then exits with <see cref="ExitCode"/>.</summary>
public sealed class DaprdFlagException(string message, int exitCode = 2) : ArgumentException(message)
{
    public int ExitCode { get; } = exitCode;
}
