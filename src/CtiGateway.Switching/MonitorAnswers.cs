using CtiGateway.Pbx.Csta;

namespace CtiGateway.Switching;

/// <summary>
/// Pairs the answers to the MonitorStart requests of a link activation (sent without waiting, so their answers come
/// with the switch's other messages) with the DNs they were for. An answer may be read before its sender recorded
/// the invoke id; it is then kept until the sender asks for it. The monitors the switch started are kept by their
/// monitorCrossRefID (MonitorEndedEvent names only that), with the DN each is for. The tables are bounded and emptied at
/// each activation.
/// </summary>
internal sealed class MonitorAnswers
{
    /// <summary>Early answers kept at most (answers to other requests sent without waiting end up here too).</summary>
    public const int MaxEarly = 1_024;

    private readonly Lock _lock = new();
    private readonly Dictionary<int, string> _sent = [];
    private readonly Dictionary<int, CstaMessage> _early = [];
    private readonly Dictionary<string, string> _monitors = new(StringComparer.Ordinal);

    /// <summary>Forgets everything (a new link activation sends its MonitorStarts anew).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _sent.Clear();
            _early.Clear();
            _monitors.Clear();
        }
    }

    /// <summary>The switch started the monitor <paramref name="monitorCrossRefId"/> for <paramref name="dn"/>.</summary>
    public void Started(string monitorCrossRefId, string dn)
    {
        lock (_lock)
        {
            if (_monitors.Count < SwitchDirectory.MaxMonitoredDns || _monitors.ContainsKey(monitorCrossRefId))
            {
                _monitors[monitorCrossRefId] = dn;
            }
        }
    }

    /// <summary>The DN of the active monitor <paramref name="monitorCrossRefId"/>, or null when it is not one of this activation.</summary>
    public string? DnOf(string monitorCrossRefId)
    {
        lock (_lock)
        {
            return _monitors.GetValueOrDefault(monitorCrossRefId);
        }
    }

    /// <summary>The switch ended the monitor <paramref name="monitorCrossRefId"/>: forgets it and returns its DN, or null when unknown.</summary>
    public string? Ended(string monitorCrossRefId)
    {
        lock (_lock)
        {
            return _monitors.Remove(monitorCrossRefId, out var dn) ? dn : null;
        }
    }

    /// <summary>MonitorStart for <paramref name="dn"/> went out as <paramref name="invokeId"/>; returns its answer when it came already.</summary>
    public CstaMessage? Sent(int invokeId, string dn)
    {
        lock (_lock)
        {
            if (_early.Remove(invokeId, out var answer))
            {
                return answer;
            }

            if (_sent.Count < SwitchDirectory.MaxMonitoredDns)
            {
                _sent[invokeId] = dn;
            }

            return null;
        }
    }

    /// <summary>An answer (MonitorStartResponse or CSTAErrorCode) read from the switch: the DN it is for, or null.</summary>
    public string? Answered(int invokeId, CstaMessage answer)
    {
        lock (_lock)
        {
            if (_sent.Remove(invokeId, out var dn))
            {
                return dn;
            }

            if (_early.Count < MaxEarly)
            {
                _early[invokeId] = answer;
            }

            return null;
        }
    }
}
