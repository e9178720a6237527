namespace CtiGateway.Protocol;

/// <summary>
/// The ADDP layer's state machine, pure and clock-free: the caller passes the time. After <see cref="Timeout"/> of
/// silence from the peer it asks for a poll; if the same interval then passes with nothing received, the connection
/// is lost. Any received byte (a message, a poll, a reply) counts as activity.
/// </summary>
public sealed class AddpMonitor
{
    private TimeSpan _lastReceived;
    private TimeSpan? _pollSentAt;

    /// <summary>Creates a monitor; <paramref name="timeout"/> of zero means this side does not poll.</summary>
    public AddpMonitor(TimeSpan timeout, AddpTrace trace, TimeSpan now)
    {
        Timeout = timeout;
        Trace = trace;
        _lastReceived = now;
    }

    /// <summary>The polling timeout (addp-timeout); zero is off.</summary>
    public TimeSpan Timeout { get; private set; }

    /// <summary>The trace mode in force on this side.</summary>
    public AddpTrace Trace { get; private set; }

    /// <summary>True when this side logs ADDP traffic.</summary>
    public bool TracesLocally => Trace is AddpTrace.Local or AddpTrace.Full;

    /// <summary>Sequence number of the last poll asked for.</summary>
    public uint LastPollSequence { get; private set; }

    /// <summary>Records activity from the peer.</summary>
    public void OnReceived(TimeSpan now)
    {
        _lastReceived = now;
        _pollSentAt = null;
    }

    /// <summary>Applies the peer's hello: its addp-remote-timeout becomes this side's timeout; Remote/Full trace asks us to trace.</summary>
    public void ApplyHello(AddpHello hello, TimeSpan now)
    {
        Timeout = TimeSpan.FromSeconds(hello.RemoteTimeoutSeconds);
        if (hello.Trace is AddpTrace.Remote or AddpTrace.Full)
        {
            // The peer asks us to trace: add local tracing to what this side already does.
            Trace = Trace switch
            {
                AddpTrace.Off => AddpTrace.Local,
                AddpTrace.Remote => AddpTrace.Full,
                _ => Trace,
            };
        }

        OnReceived(now);
    }

    /// <summary>Decides what to do at <paramref name="now"/>.</summary>
    public AddpAction Evaluate(TimeSpan now)
    {
        if (Timeout <= TimeSpan.Zero)
        {
            return AddpAction.None;
        }

        if (_pollSentAt is { } sent)
        {
            return now - sent >= Timeout ? AddpAction.ConnectionLost : AddpAction.None;
        }

        if (now - _lastReceived >= Timeout)
        {
            _pollSentAt = now;
            LastPollSequence++;
            return AddpAction.SendPoll;
        }

        return AddpAction.None;
    }

    /// <summary>When the caller should evaluate next, given the state at <paramref name="now"/>.</summary>
    public TimeSpan NextDue(TimeSpan now)
    {
        if (Timeout <= TimeSpan.Zero)
        {
            return TimeSpan.MaxValue;
        }

        var due = _pollSentAt is { } sent ? sent + Timeout : _lastReceived + Timeout;
        return due < now ? now : due;
    }
}
