using CtiGateway.Server;

namespace CtiGateway.Switching;

/// <summary>
/// Each client's share of the switch: its requests queued for the loop or waiting for the switch's answer are counted,
/// and a client at <see cref="MaxRequestsPerClient"/> is refused at once (TERR_TOO_MANY_REQ) instead of crowding out
/// the others.
/// </summary>
internal sealed partial class SwitchCallHost
{
    /// <summary>Counts one more request of <paramref name="clientId"/>; false (nothing counted) when it is at its share.</summary>
    private bool Admit(int clientId)
    {
        lock (_clientsLock)
        {
            var n = _inProgress.GetValueOrDefault(clientId);
            if (n >= MaxRequestsPerClient)
            {
                return false;
            }

            _inProgress[clientId] = n + 1;
            return true;
        }
    }

    /// <summary>Counts one more request of <paramref name="clientId"/> without a limit (the loop sends one it took).</summary>
    private void Hold(int clientId)
    {
        lock (_clientsLock)
        {
            _inProgress[clientId] = _inProgress.GetValueOrDefault(clientId) + 1;
        }
    }

    /// <summary>One request of <paramref name="clientId"/> is no longer queued or waiting for the switch.</summary>
    private void Release(int clientId)
    {
        lock (_clientsLock)
        {
            var n = _inProgress.GetValueOrDefault(clientId) - 1;
            if (n > 0)
            {
                _inProgress[clientId] = n;
            }
            else
            {
                _inProgress.Remove(clientId);
            }
        }
    }

    /// <summary>Logs refusals for a client's share at most once a second per switch (log line 4691), with the count since the last line.</summary>
    private void NoteOverload(TlibRequest request)
    {
        var refused = Interlocked.Increment(ref _overloadRefused);
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _overloadLoggedAt);
        if ((last != long.MinValue && now - last < _time.TimestampFrequency) || Interlocked.CompareExchange(ref _overloadLoggedAt, now, last) != last)
        {
            return;
        }

        Interlocked.Add(ref _overloadRefused, -refused);
        SwitchingLog.ClientOverloaded(_logger, Name, request.ClientId, request.ClientName, MaxRequestsPerClient, refused);
    }
}
