using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// Listens for a PBX that dials in. One connection at a time: each <see cref="ConnectAsync"/> accepts the next
/// incoming connection, and the link calls it again only after the previous connection has ended.
/// </summary>
public sealed class TcpServerTransport : ILinkTransport, IDisposable
{
    private readonly TcpListener _listener;
    private bool _started;

    /// <summary>Creates a listener on <paramref name="host"/> (an IP address) and <paramref name="port"/> (0 picks one).</summary>
    public TcpServerTransport(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (!IPAddress.TryParse(host, out var address))
        {
            throw new ArgumentException($"TCP server transport host '{host}' is not an IP address.", nameof(host));
        }

        _listener = new TcpListener(address, port);
    }

    /// <summary>The bound endpoint (starts listening if not yet started).</summary>
    public IPEndPoint LocalEndPoint
    {
        get
        {
            EnsureStarted();
            return (IPEndPoint)_listener.LocalEndpoint;
        }
    }

    /// <inheritdoc/>
    public string Description => $"tcp server on {_listener.LocalEndpoint}";

    /// <inheritdoc/>
    public async ValueTask<IDuplexPipe> ConnectAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        var socket = await _listener.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
        return new SocketDuplexPipe(socket);
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Stop();

    private void EnsureStarted()
    {
        if (!_started)
        {
            _listener.Start(backlog: 1);
            _started = true;
        }
    }
}
