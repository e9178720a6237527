using System.Net;

namespace CtiGateway.Client.Tests.Support;

/// <summary>Options and helpers shared by the client tests.</summary>
public static class ClientTestKit
{
    /// <summary>Options with fast reconnects for tests.</summary>
    public static TServerClientOptions Options(params EndPoint[] endPoints)
    {
        var options = new TServerClientOptions
        {
            ApplicationName = "client-tests",
            ConnectTimeout = TimeSpan.FromSeconds(3),
            RequestTimeout = TimeSpan.FromSeconds(5),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        };
        foreach (var endPoint in endPoints)
        {
            options.AddEndpoint(endPoint);
        }

        return options;
    }

    /// <summary>An endpoint on 127.0.0.1 where nothing listens (connect is refused).</summary>
    public static IPEndPoint RefusingEndPoint()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endPoint = (IPEndPoint)listener.LocalEndpoint;
        listener.Stop();
        return endPoint;
    }

    /// <summary>Reads events until one matches; returns it and everything read before it.</summary>
    public static async Task<(TlibMessage Match, List<TlibMessage> Before)> NextEventAsync(TServerClient client, Func<TlibMessage, bool> predicate, CancellationToken cancellationToken)
    {
        var before = new List<TlibMessage>();
        while (true)
        {
            var e = await client.Events.ReadAsync(cancellationToken);
            if (predicate(e))
            {
                return (e, before);
            }

            before.Add(e);
        }
    }

    /// <summary>Reads events until one of <paramref name="type"/> arrives.</summary>
    public static async Task<TlibMessage> NextEventAsync(TServerClient client, MessageType type, CancellationToken cancellationToken) =>
        (await NextEventAsync(client, e => e.Type == type, cancellationToken)).Match;
}
