using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Aspire.Hosting;

/// <summary>
/// A TCP port on the loopback interface that nothing listens on right now, and that this process has not
/// handed out before: callers often take several ports before binding any, and the kernel may offer a
/// just-released port again.
/// </summary>
public static class FreePort
{
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, 0))
            {
                return port;
            }
        }
    }
}
