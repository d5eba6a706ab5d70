using System.Text;
using Microsoft.Extensions.Logging;

namespace Aspire.Hosting.Postgres;

/// <summary>Sends what a setup program prints to the resource's log in the dashboard, line by line.</summary>
internal sealed class ResourceLogWriter(ILogger logger) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(string? value)
    {
        foreach (var line in (value ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            logger.LogInformation("{Line}", line.TrimEnd('\r'));
        }
    }
}
