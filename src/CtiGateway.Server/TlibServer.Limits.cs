using System.Net;

namespace CtiGateway.Server;

public sealed partial class TlibServer
{
    // Refusals in delivery (EventError, then FIN) at most; past it a refused connection is reset at once, so that a
    // connection flood cannot hold sockets and tasks for the 5 s a refusal may take.
    internal const int MaxRejectionsInFlight = 64;

    // Open connections per source address (IPv4-mapped addresses as IPv4), under _clientsLock.
    private readonly Dictionary<IPAddress, int> _perAddress = [];
    private readonly LogThrottle _refusedThrottle;
    private readonly LogThrottle _tooManyThrottle;
    private readonly LogThrottle _perAddressThrottle;
    private readonly LogThrottle _rejectionsBusyThrottle;
    private readonly LogThrottle _registrationThrottle;
    private readonly LogThrottle _frameThrottle;
    private readonly LogThrottle _dnLimitThrottle;
    private readonly LogThrottle[] _throttles;
    private long _registrationTimeouts;
    private long _frameTimeouts;

    /// <summary>Connections closed because they had not registered within TServer:RegistrationTimeoutSeconds.</summary>
    public long RegistrationTimeouts => Interlocked.Read(ref _registrationTimeouts);

    /// <summary>Connections closed because a frame was not completed within TServer:FrameTimeoutSeconds.</summary>
    public long FrameTimeouts => Interlocked.Read(ref _frameTimeouts);

    /// <summary>Open connections from <paramref name="address"/> (IPv4-mapped addresses count as IPv4).</summary>
    internal int ConnectionsFrom(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var key = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        lock (_clientsLock)
        {
            return _perAddress.GetValueOrDefault(key);
        }
    }

    /// <summary>The open connections (tests look at their internal state).</summary>
    internal IReadOnlyList<ClientConnection> Connections => Volatile.Read(ref _clients);

    internal void OnRegistrationTimeout(ClientConnection client, TimeSpan timeout)
    {
        Interlocked.Increment(ref _registrationTimeouts);
        if (_registrationThrottle.TryEnter())
        {
            TServerLog.RegistrationTimedOut(Logger, client.Id, client.RemoteEndPoint, (int)timeout.TotalSeconds);
        }
    }

    internal void OnFrameTimeout(ClientConnection client, TimeSpan timeout, long bytes)
    {
        Interlocked.Increment(ref _frameTimeouts);
        if (_frameThrottle.TryEnter())
        {
            TServerLog.FrameTimedOut(Logger, client.Id, client.RemoteEndPoint, (int)timeout.TotalSeconds, bytes);
        }
    }

    private void FlushThrottles()
    {
        foreach (var throttle in _throttles)
        {
            throttle.Flush();
        }
    }

    // Under _clientsLock: one more (or one fewer) connection from the client's address.
    private void CountAddress(ClientConnection client, int delta)
    {
        if (client.SourceAddress is not { } address)
        {
            return;
        }

        var count = _perAddress.GetValueOrDefault(address) + delta;
        if (count > 0)
        {
            _perAddress[address] = count;
        }
        else
        {
            _perAddress.Remove(address);
        }
    }
}
