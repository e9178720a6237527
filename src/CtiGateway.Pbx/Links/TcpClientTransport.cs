using System.IO.Pipelines;
using System.Net.Sockets;

namespace CtiGateway.Pbx.Links;

/// <summary>Dials the switch over TCP (the usual CSTA-XML link: the gateway connects to the PBX).</summary>
public sealed class TcpClientTransport : ILinkTransport
{
    /// <summary>Creates a transport to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public TcpClientTransport(string host, int port, TimeSpan? connectTimeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Host = host;
        Port = port;
        ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>The switch host.</summary>
    public string Host { get; }

    /// <summary>The switch port.</summary>
    public int Port { get; }

    /// <summary>Bound on one connection attempt (<c>connect-tout</c>).</summary>
    public TimeSpan ConnectTimeout { get; }

    /// <inheritdoc/>
    public string Description => $"tcp client to {Host}:{Port}";

    /// <inheritdoc/>
    public async ValueTask<IDuplexPipe> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(Host, Port, timeout.Token).ConfigureAwait(false);
            return new SocketDuplexPipe(socket);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"Connecting to {Host}:{Port} did not complete within {ConnectTimeout}.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
