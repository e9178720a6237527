using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// A PBX that accepts the TCP connection and never sends a byte: a listener on 127.0.0.1:0 that accepts every
/// connection, keeps it open, reads (and keeps) what the gateway sends, and answers nothing.
/// </summary>
internal sealed class SilentSwitch : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<TcpClient> _clients = new();
    private readonly ConcurrentQueue<DateTime> _accepted = new();
    private readonly ConcurrentQueue<Task> _readers = new();
    private readonly StringBuilder _received = new();
    private readonly Task _acceptLoop;

    public SilentSwitch()
    {
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted so far.</summary>
    public int Connections => _accepted.Count;

    /// <summary>When the first connection was accepted (UTC), or null.</summary>
    public DateTime? FirstAcceptedAt => _accepted.TryPeek(out var at) ? at : null;

    /// <summary>Everything the gateway sent, over all connections, as Latin-1 text (headers included).</summary>
    public string Received
    {
        get
        {
            lock (_received)
            {
                return _received.ToString();
            }
        }
    }

    /// <summary>Waits (polling, up to <paramref name="timeout"/>) until <paramref name="condition"/> holds.</summary>
    public async Task WaitForAsync(Func<SilentSwitch, bool> condition, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No {what} within {timeout}: {Connections} connections, received '{Received}'");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        while (_clients.TryDequeue(out var client))
        {
            client.Dispose();
        }

        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Task.WhenAll(_readers).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _accepted.Enqueue(DateTime.UtcNow);
                _clients.Enqueue(client);
                _readers.Enqueue(Task.Run(() => DrainAsync(client)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task DrainAsync(TcpClient client)
    {
        var buffer = new byte[4096];
        try
        {
            var stream = client.GetStream();
            int n;
            while ((n = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                lock (_received)
                {
                    _received.Append(Encoding.Latin1.GetString(buffer, 0, n));
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The gateway closed the connection, or the switch is stopping.
        }
    }
}
