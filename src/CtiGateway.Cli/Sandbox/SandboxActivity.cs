using CtiGateway.Scxml;

namespace CtiGateway.Cli.Sandbox;

/// <summary>
/// Holds the sessions' virtual clock while the simulated switches are busy: every gateway event and every scripted
/// action marks activity, and the clock may move on only after <see cref="QuietPeriod"/> of wall time without any (and
/// with no cross-switch transfer waiting for its second leg). So a delay in the strategy never jumps over the events
/// that the switches are still producing for what the strategy just did.
/// </summary>
internal sealed class SandboxActivity : IDisposable
{
    /// <summary>Wall time without gateway events after which the switches count as settled.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(250);

    private readonly ScxmlScheduler _scheduler;
    private readonly Func<bool> _busy;
    private readonly Lock _lock = new();
    private readonly ITimer _timer;
    private IDisposable? _token;
    private long _last;

    public SandboxActivity(ScxmlScheduler scheduler, Func<bool> busy)
    {
        _scheduler = scheduler;
        _busy = busy;
        _timer = TimeProvider.System.CreateTimer(_ => Check(), null, TimeSpan.FromMilliseconds(25), TimeSpan.FromMilliseconds(25));
    }

    /// <summary>True when the switches have been quiet for <see cref="QuietPeriod"/>.</summary>
    public bool IsQuiet
    {
        get
        {
            lock (_lock)
            {
                return _token is null;
            }
        }
    }

    /// <summary>Marks activity now.</summary>
    public void Touch()
    {
        lock (_lock)
        {
            _last = Environment.TickCount64;
            _token ??= _scheduler.TrackExternalWork();
        }
    }

    /// <summary>Waits (wall time, at most <paramref name="limit"/>) until the switches are quiet.</summary>
    public async Task WaitQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
        while (!IsQuiet && Environment.TickCount64 < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        lock (_lock)
        {
            _token?.Dispose();
            _token = null;
        }
    }

    private void Check()
    {
        lock (_lock)
        {
            if (_token is null)
            {
                return;
            }

            if (_busy())
            {
                _last = Environment.TickCount64;
                return;
            }

            if (Environment.TickCount64 - _last >= (long)QuietPeriod.TotalMilliseconds)
            {
                _token.Dispose();
                _token = null;
            }
        }
    }
}
