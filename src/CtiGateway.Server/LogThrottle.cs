using Microsoft.Extensions.Logging;

namespace CtiGateway.Server;

/// <summary>
/// Rate limit of one log line that a client can repeat at will (refusals, cut-offs): at most one line per second gets
/// through; the others are counted and reported in one "suppressed" line (event 1201) once the second is over, by the
/// next line that gets through or by <see cref="Flush"/> (called from the server's housekeeping tick).
/// </summary>
internal sealed class LogThrottle
{
    /// <summary>At most one line per this interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _eventId;
    private readonly string _what;
    private readonly Lock _lock = new();
    private long _lastLogged;
    private bool _loggedOnce;
    private long _suppressed;

    public LogThrottle(ILogger logger, TimeProvider time, int eventId, string what)
    {
        _logger = logger;
        _time = time;
        _eventId = eventId;
        _what = what;
    }

    /// <summary>Lines counted and not written since the last "suppressed" line.</summary>
    public long Suppressed
    {
        get
        {
            lock (_lock)
            {
                return _suppressed;
            }
        }
    }

    /// <summary>True: write the line now. False: it was counted as suppressed.</summary>
    public bool TryEnter()
    {
        long report;
        TimeSpan window;
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (_loggedOnce && _time.GetElapsedTime(_lastLogged, now) < Interval)
            {
                _suppressed++;
                return false;
            }

            window = _loggedOnce ? _time.GetElapsedTime(_lastLogged, now) : TimeSpan.Zero;
            report = _suppressed;
            _suppressed = 0;
            _lastLogged = now;
            _loggedOnce = true;
        }

        if (report > 0)
        {
            TServerLog.LinesSuppressed(_logger, report, _eventId, _what, window.TotalSeconds);
        }

        return true;
    }

    /// <summary>Writes the "suppressed" line when lines were suppressed and their second is over.</summary>
    public void Flush()
    {
        long report;
        TimeSpan window;
        lock (_lock)
        {
            if (_suppressed == 0)
            {
                return;
            }

            var now = _time.GetTimestamp();
            window = _time.GetElapsedTime(_lastLogged, now);
            if (window < Interval)
            {
                return;
            }

            report = _suppressed;
            _suppressed = 0;

            // The "suppressed" line takes this second: the next line of the cause waits for the next one.
            _lastLogged = now;
        }

        TServerLog.LinesSuppressed(_logger, report, _eventId, _what, window.TotalSeconds);
    }
}
