using System.Text;
using CtiGateway.Scxml;

namespace CtiGateway.Cli.Sandbox;

/// <summary>
/// What the sandbox sees of the calls on the gateway side: every call event the switches publish is printed once
/// (<c>call: EventRinging 7778@tel_sw_1 ConnID ...</c>) and marks the switches busy (<see cref="SandboxActivity"/>);
/// with <c>--answer</c> a station that starts ringing answers after the scripted delay on the virtual clock.
/// </summary>
internal sealed class SandboxCalls
{
    private readonly Lock _lock = new();
    private readonly SandboxOutput _output;
    private readonly SandboxActivity _activity;
    private readonly ScxmlScheduler _scheduler;
    private readonly Func<string, string?> _switchOf;
    private readonly Func<string, bool> _isStation;
    private readonly Func<string, bool> _answer;
    private readonly TimeSpan? _answerAfter;

    /// <summary>Wall time the clock waits for the outcome of a scripted step (a slow switch; a step without effect).</summary>
    public static readonly TimeSpan OutcomeLimit = TimeSpan.FromSeconds(10);

    public SandboxCalls(SandboxOutput output, SandboxActivity activity, ScxmlScheduler scheduler, Func<string, string?> switchOf, Func<string, bool> isStation,
        Func<string, bool> answer, TimeSpan? answerAfter)
    {
        _output = output;
        _activity = activity;
        _scheduler = scheduler;
        _switchOf = switchOf;
        _isStation = isStation;
        _answer = answer;
        _answerAfter = answerAfter;
    }

    /// <summary>The first call seen at the sandbox's route point (the inbound call), once it arrived.</summary>
    public ConnId? InboundConnId { get; private set; }

    /// <summary>The route point whose first call is the inbound call.</summary>
    public string? RoutePoint { get; init; }

    /// <summary>An event the switches publish to <paramref name="dn"/> (null: to every client).</summary>
    public void Observe(TlibMessage e, string? dn)
    {
        _activity.Touch();
        _activity.Observed(e);
        if (e.ConnID is not { } connId || e.ThisDN is not { } thisDn || (dn is not null && dn != thisDn))
        {
            return;
        }

        lock (_lock)
        {
            if (InboundConnId is null && thisDn == RoutePoint)
            {
                InboundConnId = connId;
            }
        }

        _output.Line("call", Describe(e, thisDn, connId));
        if (_answerAfter is { } after && e.Type == MessageType.EventRinging && _isStation(thisDn))
        {
            _scheduler.Schedule(after, () =>
            {
                var established = _activity.Expect(a => a.Type == MessageType.EventEstablished && a.ThisDN == thisDn, OutcomeLimit);
                if (!_answer(thisDn))
                {
                    established.Dispose();
                }
            });
        }
    }

    private string Describe(TlibMessage e, string dn, ConnId connId)
    {
        var text = new StringBuilder(e.Name).Append(' ').Append(dn);
        if (_switchOf(dn) is { } sw)
        {
            text.Append('@').Append(sw);
        }

        text.Append(" ConnID ").Append(connId.ToString());
        if (e.OtherDN is { Length: > 0 } other)
        {
            text.Append(" OtherDN ").Append(other);
        }

        if (e.ThirdPartyDN is { Length: > 0 } third)
        {
            text.Append(" ThirdPartyDN ").Append(third);
        }

        if (e.UserData is { Count: > 0 } userData)
        {
            text.Append(" UserData ").Append(string.Join(',', userData.Select(p => p.Key)));
        }

        return text.ToString();
    }
}
