namespace CtiGateway.Pbx.Links;

/// <summary>
/// Exponential backoff with jitter for link reconnects (issue 3 "reconnect with exponential backoff plus jitter").
/// Pure: the caller passes the time. The base delay starts at <see cref="Initial"/> and is multiplied by
/// <see cref="Multiplier"/> after each attempt up to <see cref="Max"/>; each returned delay is the base delay
/// times a random factor in [1 - jitter, 1 + jitter]. A connection that lived at least <see cref="ResetAfter"/>
/// resets the backoff to the initial delay.
/// </summary>
public sealed class ReconnectPolicy
{
    private readonly Random _random;
    private TimeSpan _base;
    private TimeSpan? _connectedAt;

    /// <summary>Creates a policy.</summary>
    /// <param name="initial">First delay (over zero).</param>
    /// <param name="max">Largest base delay (at least <paramref name="initial"/>).</param>
    /// <param name="multiplier">Growth factor per attempt (at least 1).</param>
    /// <param name="jitterFraction">Relative jitter, 0..1 (0.2 means +-20 %).</param>
    /// <param name="resetAfter">A connection that lived this long resets the backoff.</param>
    /// <param name="random">Random source; pass a seeded one in tests.</param>
    public ReconnectPolicy(TimeSpan initial, TimeSpan max, double multiplier, double jitterFraction, TimeSpan resetAfter, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(jitterFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(jitterFraction, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(resetAfter, TimeSpan.Zero);
        Initial = initial;
        Max = max;
        Multiplier = multiplier;
        JitterFraction = jitterFraction;
        ResetAfter = resetAfter;
        _random = random ?? Random.Shared;
        _base = initial;
    }

    /// <summary>First delay.</summary>
    public TimeSpan Initial { get; }

    /// <summary>Largest base delay.</summary>
    public TimeSpan Max { get; }

    /// <summary>Growth factor per attempt.</summary>
    public double Multiplier { get; }

    /// <summary>Relative jitter (0..1).</summary>
    public double JitterFraction { get; }

    /// <summary>Connection lifetime that resets the backoff.</summary>
    public TimeSpan ResetAfter { get; }

    /// <summary>Attempts since the last reset.</summary>
    public int Attempt { get; private set; }

    /// <summary>The base delay (without jitter) of the next attempt.</summary>
    public TimeSpan CurrentBase => _base;

    /// <summary>Returns the delay before the next connection attempt and grows the base delay.</summary>
    public TimeSpan NextDelay()
    {
        var factor = 1.0 + (JitterFraction * ((2.0 * _random.NextDouble()) - 1.0));
        var delay = TimeSpan.FromTicks((long)(_base.Ticks * factor));
        var grown = _base.Ticks * Multiplier;
        _base = grown >= Max.Ticks ? Max : TimeSpan.FromTicks((long)grown);
        Attempt++;
        return delay;
    }

    /// <summary>Records a successful connection at <paramref name="now"/>.</summary>
    public void OnConnected(TimeSpan now) => _connectedAt = now;

    /// <summary>
    /// Records the loss of the connection (or a failed attempt) at <paramref name="now"/>; resets the backoff when a
    /// connection recorded by <see cref="OnConnected"/> lived at least <see cref="ResetAfter"/>. Returns true when it reset.
    /// </summary>
    public bool OnDisconnected(TimeSpan now)
    {
        var connectedAt = _connectedAt;
        _connectedAt = null;
        if (connectedAt is { } at && now - at >= ResetAfter)
        {
            Reset();
            return true;
        }

        return false;
    }

    /// <summary>Back to the initial delay.</summary>
    public void Reset()
    {
        _base = Initial;
        Attempt = 0;
    }
}
