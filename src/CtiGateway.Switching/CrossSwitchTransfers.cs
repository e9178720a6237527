using CtiGateway.Protocol;
using Microsoft.Extensions.Logging;

namespace CtiGateway.Switching;

/// <summary>
/// The bounded table of cross-switch transfers waiting for their second leg (shared by the switches of one gateway,
/// so it locks). A leg matches the oldest live entry for its switch and DN: the switch reports a new call arriving
/// from outside (the trunk) at the DN the first leg was sent to (access code + DN dialled). An entry lives
/// <see cref="LegTimeout"/>; at most <see cref="MaxPending"/> wait (the oldest is dropped beyond it).
/// </summary>
internal sealed class CrossSwitchTransfers(TimeProvider time, ILogger logger)
{
    /// <summary>Cross-switch transfers waiting at most.</summary>
    public const int MaxPending = 1_024;

    /// <summary>How long a cross-switch transfer waits for its second leg.</summary>
    public static readonly TimeSpan LegTimeout = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private readonly LinkedList<PendingCrossSwitchTransfer> _pending = new();

    /// <summary>Transfers waiting now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Records a transfer from <paramref name="sourceSwitch"/>'s call <paramref name="connId"/> to <paramref name="targetDn"/> on <paramref name="targetSwitch"/>.</summary>
    public PendingCrossSwitchTransfer Add(string sourceSwitch, ConnId connId, string targetSwitch, string targetDn)
    {
        var entry = new PendingCrossSwitchTransfer(sourceSwitch, connId, targetSwitch, targetDn, time.GetTimestamp() + (long)(LegTimeout.TotalSeconds * time.TimestampFrequency));
        lock (_lock)
        {
            Expire();
            if (_pending.Count >= MaxPending)
            {
                var oldest = _pending.First!.Value;
                _pending.RemoveFirst();
                SwitchingLog.CrossSwitchTableFull(logger, oldest.TargetSwitch, MaxPending, oldest.SourceConnId.ToString(), oldest.TargetDn);
            }

            _pending.AddLast(entry);
        }

        return entry;
    }

    /// <summary>Sets the first leg's user data of <paramref name="entry"/> (on the source switch's loop).</summary>
    public void SetUserData(PendingCrossSwitchTransfer entry, KeyValueList? data)
    {
        lock (_lock)
        {
            entry.UserData = data;
        }
    }

    /// <summary>The oldest live transfer to <paramref name="dn"/> on <paramref name="switchName"/>, taken out of the table.</summary>
    public PendingCrossSwitchTransfer? TryTake(string switchName, string dn)
    {
        lock (_lock)
        {
            Expire();
            for (var node = _pending.First; node is not null; node = node.Next)
            {
                var p = node.Value;
                if (string.Equals(p.TargetSwitch, switchName, StringComparison.Ordinal) && string.Equals(p.TargetDn, dn, StringComparison.Ordinal))
                {
                    _pending.Remove(node);
                    return p;
                }
            }

            return null;
        }
    }

    private void Expire()
    {
        var now = time.GetTimestamp();
        while (_pending.First is { } first && first.Value.ExpiresAt <= now)
        {
            _pending.RemoveFirst();
            SwitchingLog.CrossSwitchExpired(logger, first.Value.TargetSwitch, first.Value.TargetDn, LegTimeout.TotalSeconds, first.Value.SourceConnId.ToString(), first.Value.SourceSwitch);
        }
    }
}
