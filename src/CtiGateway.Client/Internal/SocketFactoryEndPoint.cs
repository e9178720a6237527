using System.Net;
using System.Net.Sockets;

namespace CtiGateway.Client;

/// <summary>
/// The "endpoint" of a connection opened by <see cref="TServerClientOptions.SocketFactory"/>: it has no address, only
/// the name the log lines and exceptions show (<see cref="TServerClientOptions.SocketFactoryName"/>).
/// </summary>
internal sealed class SocketFactoryEndPoint : EndPoint
{
    public SocketFactoryEndPoint(string name, Func<CancellationToken, ValueTask<Socket>> factory)
    {
        Name = name;
        Factory = factory;
    }

    /// <summary>How the connection is named (e.g. "in-process").</summary>
    public string Name { get; }

    /// <summary>Opens a connected socket.</summary>
    public Func<CancellationToken, ValueTask<Socket>> Factory { get; }

    /// <inheritdoc />
    public override AddressFamily AddressFamily => AddressFamily.Unspecified;

    /// <inheritdoc />
    public override string ToString() => Name;
}
