using System.Net.Sockets;
using System.Text;

namespace CtiGateway.Daemon;

/// <summary>
/// The systemd notify protocol: datagrams such as "READY=1" to the socket named by $NOTIFY_SOCKET. Written by hand
/// because Microsoft.Extensions.Hosting.Systemd stays silent unless the parent process is systemd, and tests (and
/// other supervisors) set NOTIFY_SOCKET too. A leading '@' names an abstract socket.
/// </summary>
internal sealed class SystemdNotifier
{
    private readonly string? _path;

    public SystemdNotifier(string? path)
    {
        _path = string.IsNullOrEmpty(path) ? null : path;
    }

    public static SystemdNotifier FromEnvironment() => new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    public bool Enabled => _path is not null;

    /// <summary>Sends one state string; returns false (never throws) when there is no socket or it cannot be reached.</summary>
    public bool Notify(string state)
    {
        if (_path is null)
        {
            return false;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            var name = _path[0] == '@' ? "\0" + _path[1..] : _path;
            socket.Connect(new UnixDomainSocketEndPoint(name));
            socket.Send(Encoding.UTF8.GetBytes(state));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
