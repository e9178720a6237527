namespace CtiGateway.Daemon;

/// <summary>
/// The log rate limit (issue 8, storms): of each event id of each log category at most <see cref="LinesPerSecond"/>
/// lines are written per one-second window (the window starts with its first line); the rest are counted, and when
/// the window ends one line (event 95) says how many were suppressed, at the highest level among them. A window that
/// ends with no further line of its id is summed up by a timer of the <see cref="TimeProvider"/>. So a peer that
/// floods (malformed switch frames, ADDP hellos) costs the log a bounded number of lines per second and nothing goes
/// uncounted. Changeable at run time (SIGHUP); 0 turns the limit off.
/// </summary>
internal sealed class LogRateLimiter : IDisposable
{
    /// <summary>The default of Logging:RateLimitPerSecond.</summary>
    public const int DefaultLinesPerSecond = 20;

    /// <summary>Length of one window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Lock _sync = new();
    private readonly List<LogLineWindow> _pending = [];
    private readonly ITimer _timer;
    private volatile int _linesPerSecond = DefaultLinesPerSecond;
    private bool _armed;

    public LogRateLimiter(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Time = time;
        _timer = time.CreateTimer(_ => FlushEnded(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public TimeProvider Time { get; }

    /// <summary>Most lines per second per category and event id; 0 or less writes every line.</summary>
    public int LinesPerSecond
    {
        get => _linesPerSecond;
        set => _linesPerSecond = Math.Max(0, value);
    }

    /// <summary>Writes the summary of a window, when it held lines back.</summary>
    public void WriteSummary(LogLineWindow window, LogLineWindow.Held held)
    {
        if (held.Count > 0)
        {
            DaemonLog.LinesSuppressed(window.Inner, held.Level, held.Count, window.EventId, window.Category, LinesPerSecond);
        }
    }

    /// <summary>A window started holding lines back: its summary is written when it ends, even if no line follows.</summary>
    public void Schedule(LogLineWindow window)
    {
        var windowStart = window.Start;
        lock (_sync)
        {
            if (!_pending.Contains(window))
            {
                _pending.Add(window);
            }

            if (!_armed)
            {
                _armed = true;
                _timer.Change(DueFrom(windowStart), Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose() => _timer.Dispose();

    private TimeSpan DueFrom(long windowStart)
    {
        var left = Window - Time.GetElapsedTime(windowStart);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private void FlushEnded()
    {
        var ended = new List<(LogLineWindow Window, LogLineWindow.Held Held)>();
        lock (_sync)
        {
            var now = Time.GetTimestamp();
            long? next = null;
            for (var i = _pending.Count - 1; i >= 0; i--)
            {
                var window = _pending[i];
                var start = window.TakeEnded(Time, now, out var held);
                if (start is null)
                {
                    _pending.RemoveAt(i);
                    ended.Add((window, held));
                }
                else if (next is null || start < next)
                {
                    next = start;
                }
            }

            _armed = next is not null;
            if (next is { } earliest)
            {
                _timer.Change(DueFrom(earliest), Timeout.InfiniteTimeSpan);
            }
        }

        // Written outside the lock: the sink may take its time.
        foreach (var (window, held) in ended)
        {
            WriteSummary(window, held);
        }
    }
}
