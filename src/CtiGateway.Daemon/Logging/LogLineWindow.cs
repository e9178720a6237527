using Microsoft.Extensions.Logging;

namespace CtiGateway.Daemon;

/// <summary>
/// The one-second window of one event id of one log category: how many lines were written in it, and how many were
/// held back (and at which highest level) since the last summary. All members are safe from any thread.
/// </summary>
internal sealed class LogLineWindow(ILogger inner, string category, int eventId, long start)
{
    private readonly Lock _sync = new();
    private long _start = start;
    private int _written;
    private long _suppressed;
    private LogLevel _level;

    /// <summary>The logger the lines (and the summary) are written to.</summary>
    public ILogger Inner { get; } = inner;

    public string Category { get; } = category;

    public int EventId { get; } = eventId;

    /// <summary>When the current window started (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public long Start
    {
        get
        {
            lock (_sync)
            {
                return _start;
            }
        }
    }

    /// <summary>
    /// Takes one line at <paramref name="now"/>: true when it may be written. When the previous window ended with lines
    /// held back, <paramref name="ended"/> says how many (write the summary before this line).
    /// <paramref name="firstHeld"/> is true for the first line held back in a window (schedule its summary).
    /// </summary>
    public bool Take(TimeProvider time, long now, int limit, LogLevel level, out Held ended, out bool firstHeld)
    {
        ended = default;
        firstHeld = false;
        lock (_sync)
        {
            if (time.GetElapsedTime(_start, now) >= LogRateLimiter.Window)
            {
                ended = new Held(_suppressed, _level);
                _suppressed = 0;
                _written = 0;
                _start = now;
            }

            if (_written < limit)
            {
                _written++;
                return true;
            }

            firstHeld = _suppressed == 0;
            _suppressed++;
            _level = firstHeld || level > _level ? level : _level;
            return false;
        }
    }

    /// <summary>
    /// The timer's turn: when the window ended, takes what it held back (the caller writes the summary) and returns
    /// null; otherwise returns when the window ends (the caller looks again then).
    /// </summary>
    public long? TakeEnded(TimeProvider time, long now, out Held ended)
    {
        ended = default;
        lock (_sync)
        {
            if (time.GetElapsedTime(_start, now) < LogRateLimiter.Window)
            {
                return _suppressed > 0 ? _start : null;
            }

            ended = new Held(_suppressed, _level);
            _suppressed = 0;
            return null;
        }
    }

    /// <summary>Lines held back in a window and the highest level among them.</summary>
    internal readonly record struct Held(long Count, LogLevel Level);
}
