using CtiGateway.CallModel;
using CtiGateway.Protocol;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// The live calls of each switch counted by <see cref="CallPhase"/>, for <c>ctigw status</c>. Every configured switch
/// has a row, also with no calls.
/// </summary>
internal sealed class CallTally
{
    /// <summary>The phases in the order they are reported.</summary>
    public static IReadOnlyList<CallPhase> Phases { get; } = Enum.GetValues<CallPhase>();

    private readonly SortedDictionary<string, long[]> _bySwitch = new(StringComparer.Ordinal);

    private CallTally(string? note) => Note = note;

    /// <summary>Why the counts are missing or partial (no switches, a call model that did not answer), or null.</summary>
    public string? Note { get; }

    /// <summary>Calls of every switch.</summary>
    public long Total => _bySwitch.Values.Sum(c => c.Sum());

    /// <summary>The switches, by name, with their counts indexed by <see cref="CallPhase"/>.</summary>
    public IEnumerable<(string Switch, IReadOnlyList<long> Counts)> Switches => _bySwitch.Select(p => (p.Key, (IReadOnlyList<long>)p.Value));

    /// <summary>The counts of every switch together, indexed by <see cref="CallPhase"/>.</summary>
    public IReadOnlyList<long> Combined
    {
        get
        {
            var sum = new long[Phases.Count];
            foreach (var counts in _bySwitch.Values)
            {
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += counts[i];
                }
            }

            return sum;
        }
    }

    /// <summary>Counts the calls; <paramref name="switches"/> names every switch that gets a row.</summary>
    public static CallTally Of(IEnumerable<string> switches, IEnumerable<SwitchCall> calls)
    {
        var tally = new CallTally(null);
        foreach (var name in switches)
        {
            tally.Row(name);
        }

        foreach (var call in calls)
        {
            tally.Row(call.Switch)[(int)PhaseOf(call.Call)]++;
        }

        return tally;
    }

    /// <summary>No counts, with the reason.</summary>
    public static CallTally Unavailable(string note) => new(note);

    /// <summary>The phase of one call (the rules of <see cref="CallPhase"/>).</summary>
    public static CallPhase PhaseOf(CallInfo call)
    {
        ArgumentNullException.ThrowIfNull(call);
        bool held = false, ringing = false, queued = false, dialing = false, talking = false, failed = false;
        foreach (var party in call.Parties)
        {
            switch (party.State)
            {
                case PartyState.Held:
                    held = true;
                    break;
                case PartyState.Alerting:
                    ringing = true;
                    break;
                case PartyState.Queued:
                    queued = true;
                    break;
                case PartyState.Dialing or PartyState.Initiated:
                    dialing = true;
                    break;
                case PartyState.Connected:
                    talking = true;
                    break;
                case PartyState.Failed or PartyState.Busy:
                    failed = true;
                    break;
                default:
                    break;
            }
        }

        return held ? CallPhase.Held
            : ringing ? CallPhase.Ringing
            : queued ? CallPhase.Queued
            : dialing ? CallPhase.Dialing
            : talking ? CallPhase.Established
            : failed ? CallPhase.Failed
            : CallPhase.Other;
    }

    /// <summary>The name a phase has in the status JSON and text (lower case).</summary>
    public static string NameOf(CallPhase phase) => phase switch
    {
        CallPhase.Dialing => "dialing",
        CallPhase.Ringing => "ringing",
        CallPhase.Queued => "queued",
        CallPhase.Established => "established",
        CallPhase.Held => "held",
        CallPhase.Failed => "failed",
        _ => "other",
    };

    private long[] Row(string name)
    {
        if (!_bySwitch.TryGetValue(name, out var counts))
        {
            counts = new long[Phases.Count];
            _bySwitch.Add(name, counts);
        }

        return counts;
    }
}
