using DataMesh.Testing;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// The stand-in reads its command line as daprd does (dapr/dapr cmd/daprd/options/options.go, a spf13/pflag flag set
/// with ExitOnError): what daprd refuses stops it with daprd's message and exit code.
/// </summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(2, "unknown flag: --unknown-flag", "--unknown-flag", "x")]
    [InlineData(2, "unknown shorthand flag: 'l' in -log-level", "-log-level", "debug")]
    [InlineData(2, "invalid argument \"three\" for \"--app-health-threshold\" flag", "--app-health-threshold", "three")]
    [InlineData(2, "flag needs an argument: --app-health-check-path", "--app-health-check-path")]
    [InlineData(1, "value for 'health-probe-timeout' must be smaller than 'health-probe-interval'", "--enable-app-health-check", "--app-health-probe-interval", "1", "--app-health-probe-timeout", "2000")]
    public async Task A_command_line_daprd_refuses_stops_the_stand_in_with_daprds_message_and_exit_code(int exitCode, string message, params string[] flags)
    {
        using var resources = new PubSubResources();
        await using var sidecar = new StandInSidecar("finance", appPort: null, resources.Path, flags);
        sidecar.Launch();

        await Eventually.TrueAsync(() => sidecar.ExitCode is not null && sidecar.Output.Contains(message, StringComparison.Ordinal), ExitWithin, () => sidecar.Output);
        Assert.Equal(exitCode, sidecar.ExitCode);
    }

    [Fact]
    public async Task The_flags_the_mesh_passes_are_accepted_and_a_word_after_a_boolean_flag_is_ignored_as_daprd_ignores_it()
    {
        using var resources = new PubSubResources();
        await using var sidecar = new StandInSidecar(
            "finance", appPort: null, resources.Path,
            "--enable-app-health-check", "false", "--app-health-check-path", "/health", "--app-health-probe-interval", "5",
            "--app-health-probe-timeout", "500", "--app-health-threshold", "3", "--config", "a.yaml", "--log-as-json=false",
            "--dapr-block-shutdown-duration", "5s", "--enable-api-logging");

        await sidecar.StartAsync();

        Assert.Contains("Argument 'false' is not a flag", sidecar.Output, StringComparison.Ordinal);
        Assert.Contains("daprd flag accepted and not used by the stand-in: --config a.yaml", sidecar.Output, StringComparison.Ordinal);
    }
}
