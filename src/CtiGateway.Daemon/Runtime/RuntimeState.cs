using System.Diagnostics;
using System.Globalization;
using CtiGateway.Server;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// The live parts of a running daemon, in one place for <c>ctigw status</c>, the metrics and the systemd STATUS line:
/// the T-Library server, the switch links, the liveness registry and what the watchdog did last.
/// </summary>
internal sealed class RuntimeState
{
    private readonly SwitchLinksHostedService _links;
    private readonly OrchestrationHostedService? _orchestration;
    private readonly TimeProvider _time;
    private long _lastPingTicks;
    private long _watchdogPings;
    private volatile string[] _silentLoops = [];

    public RuntimeState(TlibServer server, SwitchLinksHostedService links, LivenessRegistry liveness, TimeProvider time, OrchestrationHostedService? orchestration = null)
    {
        _orchestration = orchestration;
        Server = server;
        _links = links;
        Liveness = liveness;
        _time = time;
        using var process = Process.GetCurrentProcess();
        StartedAt = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
    }

    public TlibServer Server { get; }

    public LivenessRegistry Liveness { get; }

    /// <summary>The switch links, or null when none are configured (or they failed to start).</summary>
    public SwitchLinkService? Switching => _links.Service;

    /// <summary>The running orchestration, or null (<see cref="OrchestrationNotRunning"/> says why).</summary>
    public CtiGateway.Orchestration.OrchestrationService? Orchestration => _orchestration?.Service;

    /// <summary>Why orchestration does not run, or null while it runs.</summary>
    public string? OrchestrationNotRunning => _orchestration is null ? "orchestration is not part of this host" : _orchestration.NotRunningReason;

    /// <summary>When the daemon process started.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>The time now (of the daemon's clock, the one the call models stamp calls with).</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Time since the process started.</summary>
    public TimeSpan Uptime => _time.GetUtcNow() - StartedAt;

    /// <summary>The watchdog interval systemd asked for, or null when the watchdog is off.</summary>
    public TimeSpan? WatchdogInterval { get; set; }

    /// <summary>WATCHDOG=1 pings sent so far.</summary>
    public long WatchdogPings => Interlocked.Read(ref _watchdogPings);

    /// <summary>When the last WATCHDOG=1 ping went out, or null.</summary>
    public DateTimeOffset? LastWatchdogPing => Interlocked.Read(ref _lastPingTicks) is var t and > 0 ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    /// <summary>Loops that did not answer the last probe round.</summary>
    public IReadOnlyList<string> SilentLoops => _silentLoops;

    public void RecordProbeRound(IReadOnlyList<string> silent) => _silentLoops = [.. silent];

    public void RecordPing()
    {
        Interlocked.Exchange(ref _lastPingTicks, _time.GetUtcNow().UtcTicks);
        Interlocked.Increment(ref _watchdogPings);
    }

    /// <summary>The systemd STATUS= text: clients, DNs and the state of each switch.</summary>
    public string Summary()
    {
        var links = Server.LinkStates;
        var switches = links.Count == 0 ? "no switches" : string.Join(", ", links.Select(l => $"{l.Key} {(l.Value ? "connected" : "disconnected")}"));
        var silent = _silentLoops;
        var health = silent.Length == 0 ? string.Empty : $"; NOT ANSWERING: {string.Join(", ", silent)}";
        return string.Create(CultureInfo.InvariantCulture, $"{Server.ClientCount} clients, {Server.RegisteredDnCount} DNs registered; {switches}{health}");
    }
}
