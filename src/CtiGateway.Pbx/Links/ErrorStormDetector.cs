namespace CtiGateway.Pbx.Links;

/// <summary>
/// Counts the hardware errors of one connection in whole seconds of link time and says when the rate held at or
/// over <see cref="ErrorStormThreshold.ErrorsPerSecond"/> in each second of <see cref="ErrorStormThreshold.Window"/>
/// (a second without enough errors, or a new connection, starts over). Pure; the caller serialises the calls.
/// </summary>
internal sealed class ErrorStormDetector(ErrorStormThreshold threshold)
{
    private readonly int _seconds = (int)threshold.Window.TotalSeconds;
    private object? _connection;
    private long _second = long.MinValue;
    private int _count;
    private int _fullSeconds;
    private long _streakErrors;

    public ErrorStormThreshold Threshold { get; } = threshold;

    /// <summary>Errors counted in the seconds of the current storm (full seconds so far plus the current one).</summary>
    public long StreakErrors => _streakErrors;

    /// <summary>
    /// Records one error at <paramref name="now"/> (link time) on <paramref name="connection"/>; true exactly when this
    /// error completes the window (the caller drops the link).
    /// </summary>
    public bool OnError(TimeSpan now, object connection)
    {
        var second = now.Ticks / TimeSpan.TicksPerSecond;
        if (!ReferenceEquals(connection, _connection))
        {
            _connection = connection;
            _second = second;
            _count = 0;
            _fullSeconds = 0;
            _streakErrors = 0;
        }
        else if (second != _second)
        {
            var held = second == _second + 1 && _count >= Threshold.ErrorsPerSecond;
            _fullSeconds = held ? _fullSeconds + 1 : 0;
            _streakErrors = held ? _streakErrors : 0;
            _second = second;
            _count = 0;
        }

        _count++;
        _streakErrors++;
        return _count == Threshold.ErrorsPerSecond && _fullSeconds + 1 >= _seconds;
    }
}
