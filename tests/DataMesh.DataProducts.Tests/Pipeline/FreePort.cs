using System.Net;
using System.Net.Sockets;

namespace DataMesh.DataProducts.Tests.Pipeline;

/// <summary>A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
