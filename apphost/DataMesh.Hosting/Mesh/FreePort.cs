using System.Net;
using System.Net.Sockets;

namespace Aspire.Hosting;

/// <summary>A TCP port on the loopback interface that nothing listens on right now.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
