namespace CtiGateway.Pbx.Links;

/// <summary>
/// Keep-alive with <c>kpl-interval</c> / <c>kpl-tolerance</c> semantics (switch.md 1.3, Genesys T-Server for CSTA).
/// Pure: the caller passes the time. Every <see cref="Interval"/> the monitor looks back: an interval in which
/// nothing was received counts a miss and asks for a keep-alive request; <see cref="Tolerance"/> consecutive
/// misses declare the link down; any received frame resets the count. An interval of zero disables keep-alive;
/// a tolerance of zero sends keep-alives but never declares the link down.
/// </summary>
public sealed class KeepAliveMonitor
{
    private bool _receivedThisInterval;
    private bool _down;

    /// <summary>Creates a monitor.</summary>
    /// <param name="interval">kpl-interval (zero disables).</param>
    /// <param name="tolerance">kpl-tolerance (0..10 in the field; zero never declares the link down).</param>
    public KeepAliveMonitor(TimeSpan interval, int tolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        Interval = interval;
        Tolerance = tolerance;
    }

    /// <summary>kpl-interval.</summary>
    public TimeSpan Interval { get; }

    /// <summary>kpl-tolerance.</summary>
    public int Tolerance { get; }

    /// <summary>False when the interval is zero.</summary>
    public bool Enabled => Interval > TimeSpan.Zero;

    /// <summary>Consecutive intervals without received traffic.</summary>
    public int Misses { get; private set; }

    /// <summary>Time of the next check, or <see cref="TimeSpan.MaxValue"/> when disabled or down.</summary>
    public TimeSpan NextDue { get; private set; } = TimeSpan.MaxValue;

    /// <summary>Starts (or restarts) monitoring of a fresh connection at <paramref name="now"/>.</summary>
    public void Start(TimeSpan now)
    {
        Misses = 0;
        _down = false;
        _receivedThisInterval = false;
        NextDue = Enabled ? now + Interval : TimeSpan.MaxValue;
    }

    /// <summary>A frame was received: the link is alive.</summary>
    public void OnReceived()
    {
        _receivedThisInterval = true;
        Misses = 0;
    }

    /// <summary>
    /// Runs every check that is due at <paramref name="now"/> (several when the caller was late) and returns the
    /// most severe action.
    /// </summary>
    public KeepAliveAction Poll(TimeSpan now)
    {
        var action = KeepAliveAction.None;
        while (!_down && now >= NextDue)
        {
            NextDue += Interval;
            if (_receivedThisInterval)
            {
                _receivedThisInterval = false;
                continue;
            }

            Misses++;
            if (Tolerance > 0 && Misses >= Tolerance)
            {
                _down = true;
                NextDue = TimeSpan.MaxValue;
                return KeepAliveAction.LinkDown;
            }

            action = KeepAliveAction.SendKeepAlive;
        }

        return action;
    }
}
