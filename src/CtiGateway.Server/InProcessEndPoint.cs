using System.Net;
using System.Net.Sockets;

namespace CtiGateway.Server;

/// <summary>
/// The peer of an in-process connection (<see cref="TlibServer.ConnectInProcess"/>): it has no address, so log lines
/// and the clients listing show "in-process" where a TCP client shows its address and port.
/// </summary>
internal sealed class InProcessEndPoint : EndPoint
{
    /// <summary>How an in-process peer is shown.</summary>
    public const string Text = "in-process";

    /// <summary>The one instance (the end point carries no state).</summary>
    public static readonly InProcessEndPoint Instance = new();

    private InProcessEndPoint()
    {
    }

    /// <inheritdoc />
    public override AddressFamily AddressFamily => AddressFamily.Unix;

    /// <inheritdoc />
    public override string ToString() => Text;
}
