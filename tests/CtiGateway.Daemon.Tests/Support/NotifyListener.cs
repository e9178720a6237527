using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;

namespace CtiGateway.Daemon.Tests;

/// <summary>
/// Plays systemd's side of the notify protocol: a Unix datagram socket the daemon gets as NOTIFY_SOCKET. Every datagram
/// received is kept, in order, with a sequence number so a test can look only at what came after a point.
/// </summary>
internal sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket;
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receive;

    public NotifyListener()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ctigw-notify-" + Guid.NewGuid().ToString("N")[..12] + ".sock");
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        _socket.Bind(new UnixDomainSocketEndPoint(Path));
        _receive = Task.Run(ReceiveLoopAsync);
    }

    public string Path { get; }

    /// <summary>Datagrams received so far.</summary>
    public int Count => _messages.Count;

    /// <summary>The datagrams received after the first <paramref name="skip"/>.</summary>
    public IReadOnlyList<string> Since(int skip) => [.. _messages.Skip(skip)];

    public string All => string.Join(" | ", _messages.Select(m => m.Replace('\n', ' ')));

    /// <summary>Waits until the datagrams after <paramref name="skip"/> satisfy <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(int skip, Func<IReadOnlyList<string>, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(Since(skip)))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"NOTIFY_SOCKET: {what} not seen within {timeout}; received: {All}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public static int Pings(IReadOnlyList<string> messages) => messages.Count(m => m.Split('\n').Contains("WATCHDOG=1"));

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _receive.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The receive loop ends with the socket.
        }

        File.Delete(Path);
        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                _messages.Enqueue(Encoding.UTF8.GetString(buffer, 0, n));
                _arrived.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Disposed.
        }
    }
}
