using System.Net;
using System.Net.Sockets;
using CtiGateway.Server;

namespace CtiGateway.Daemon;

/// <summary>
/// Validation of listening ports: each configured port is bound and released at once, so that a port held by another
/// process is reported with its key before the daemon starts (or by --check-config). Port 0 (any free port) is skipped.
/// </summary>
internal static class PortProbe
{
    /// <summary>The listening endpoints of <paramref name="settings"/> as (key path, host, port).</summary>
    public static IEnumerable<(string Key, string Host, int Port)> ListeningPorts(GatewaySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        yield return ("TServer:Port", settings.TServer.Host, settings.TServer.Port);
    }

    /// <summary>One line per port that cannot be bound; two keys on the same endpoint are a conflict too.</summary>
    public static IReadOnlyList<string> Check(IEnumerable<(string Key, string Host, int Port)> ports)
    {
        var problems = new List<string>();
        var seen = new Dictionary<(int Port, string Host), string>();
        foreach (var (key, host, port) in ports)
        {
            if (port is <= 0 or > 65535 || !TServerOptions.TryParseHost(host, out var address))
            {
                continue; // 0 = any free port; bad values are reported by the range checks.
            }

            if (seen.TryGetValue((port, address.ToString()), out var other))
            {
                problems.Add($"{key}: port {port} on {address} is also configured as {other}");
                continue;
            }

            seen[(port, address.ToString())] = key;
            if (Probe(address, port) is { } reason)
            {
                problems.Add($"{key}: port {port} on {address} cannot be bound: {reason}");
            }
        }

        return problems;
    }

    /// <summary>Binds and listens on <paramref name="address"/>:<paramref name="port"/>, then closes; null when that worked.</summary>
    public static string? Probe(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(new IPEndPoint(address, port));
            socket.Listen(1);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => "already in use by another process",
                SocketError.AccessDenied => "permission denied (ports below 1024 need CAP_NET_BIND_SERVICE)",
                SocketError.AddressNotAvailable => "the address is not on this host",
                _ => ex.Message,
            };
        }
    }
}
