using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Pbx.Links;

/// <summary>
/// Agent state for switches that report no agent events (profile quirk
/// <c>agent-events-not-reported-poll-agent-state</c>, Avaya DMCC 6.2 and later; switch.md 1.3): every
/// <see cref="Interval"/> (in the given <see cref="TimeProvider"/>) it sends GetAgentState for each device, one at a
/// time, and raises <see cref="Changed"/> for each station whose agent entry differs from the previous poll (the
/// first round reports every station that has an agent, as AgentLoggedOn when it is logged on). A
/// device the switch answers with a CSTAErrorCode, or that times out, keeps its last known state and counts in
/// <see cref="Failures"/>; a link that is down ends the round (the next round tries again).
/// </summary>
public sealed class AgentStatePoller
{
    /// <summary>The profile quirk that asks for polling.</summary>
    public const string Quirk = "agent-events-not-reported-poll-agent-state";

    private readonly Func<string, CancellationToken, Task<CstaMessage>> _getAgentState;
    private readonly string[] _devices;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, CstaAgentStateEntry?> _current = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();
    private long _failures;
    private long _rounds;

    /// <summary>Creates a poller over a GetAgentState call (device → the switch's answer).</summary>
    public AgentStatePoller(Func<string, CancellationToken, Task<CstaMessage>> getAgentState, IEnumerable<string> devices, TimeSpan interval, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(getAgentState);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _getAgentState = getAgentState;
        _devices = [.. devices.Distinct(StringComparer.Ordinal)];
        Interval = interval;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A station's agent entry changed (raised on the polling task; handlers must not block or throw).</summary>
    public event Action<AgentStateChange>? Changed;

    /// <summary>Time between the starts of two rounds.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Polls that got a CSTAErrorCode, an unexpected answer, or no answer.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Completed rounds.</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>Whether a profile asks for polling: it has the quirk and supports GetAgentState.</summary>
    public static bool IsNeeded(FirmwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile.HasQuirk(Quirk) && profile.Supports("GetAgentState");
    }

    /// <summary>A poller that asks through <paramref name="link"/> (<see cref="CstaTcpLink.RequestAsync"/>).</summary>
    public static AgentStatePoller ForLink(CstaTcpLink link, CstaDialectFlavour flavour, IEnumerable<string> devices, TimeSpan interval, TimeSpan requestTimeout, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        return new AgentStatePoller(
            (device, ct) => link.RequestAsync(w => CstaXmlEncoder.WriteGetAgentState(w, flavour, device), requestTimeout, ct),
            devices,
            interval,
            time);
    }

    /// <summary>The last known entry of a device (null: no agent, or not polled yet).</summary>
    public CstaAgentStateEntry? StateOf(string device)
    {
        lock (_sync)
        {
            return _current.GetValueOrDefault(device);
        }
    }

    /// <summary>Polls every device once; returns the changes seen (also raised as <see cref="Changed"/>).</summary>
    public async Task<IReadOnlyList<AgentStateChange>> PollOnceAsync(CancellationToken cancellationToken)
    {
        var changes = new List<AgentStateChange>();
        foreach (var device in _devices)
        {
            CstaMessage answer;
            try
            {
                answer = await _getAgentState(device, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref _failures);
                continue;
            }
            catch (InvalidOperationException)
            {
                // The link is down: this round ends, the next one tries again.
                Interlocked.Increment(ref _failures);
                break;
            }

            if (answer is not CstaGetAgentStateResponse response)
            {
                Interlocked.Increment(ref _failures);
                continue;
            }

            var entry = response.Agents.Count > 0 ? response.Agents[0] : null;
            AgentStateChange? change = null;
            lock (_sync)
            {
                var known = _current.TryGetValue(device, out var previous);
                if (known ? previous != entry : entry is not null)
                {
                    _current[device] = entry;
                    change = new AgentStateChange(device, entry, previous, _time.GetUtcNow());
                }
            }

            if (change is not null)
            {
                changes.Add(change);
                Changed?.Invoke(change);
            }
        }

        Interlocked.Increment(ref _rounds);
        return changes;
    }

    /// <summary>Polls a round every <see cref="Interval"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        var round = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
                round++;
                var wait = Interval * round - _time.GetElapsedTime(start);
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
