using CtiGateway.Simulator;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// The <c>Demo</c> section: settings of <c>ctigatewayd --demo</c>. The demo links switch <c>tel_sw</c> (profile
/// osv-v10) and switch <c>tel_sw_1</c> (profile avaya-aes-dmcc-8) to embedded simulators, or to simulators that are
/// already running (<see cref="Simulator"/>, <see cref="Simulator1"/>). The traffic keys shape the scripted inbound
/// calls (embedded tel_sw simulator only). With the defaults a call arrives at route point 3001 every 5 s and the
/// gateway routes it (the default strategy offers it to the longest-idle ready agent of 5001-5020; with orchestration
/// off, a router registered on 3001 gets EventRouteRequest, and with none the call goes to ACD queue 4001, which hands
/// it to the first free ready agent); besides, an outside caller dials agent 5001's extension directly every 15 s
/// (<see cref="DirectCallDn"/>, <see cref="DirectCallInterval"/>). The agent answers after 2 s and the caller hangs up
/// 10 s later.
/// </summary>
internal sealed class DemoSettings
{
    /// <summary>Inbound calls per second the embedded simulator delivers to route point 3001 (0.2 = one every 5 s; 0 = none).</summary>
    public double CallsPerSecond { get; set; } = 0.2;

    /// <summary>HOST:PORT of a simulator that is already running for tel_sw; empty starts an embedded one.</summary>
    public string Simulator { get; set; } = string.Empty;

    /// <summary>
    /// HOST:PORT of a simulator that is already running for tel_sw_1 (start it with <c>ctigw simulate --profile
    /// firmware-profiles/avaya-aes-dmcc-8.json --listen HOST:PORT</c>); empty: an embedded AES-style simulator, also
    /// when <see cref="Simulator"/> names an external one for tel_sw.
    /// </summary>
    public string Simulator1 { get; set; } = string.Empty;

    /// <summary>The extension that gets the direct calls (an agent's direct line; default agent 5001's, which the README's tour monitors).</summary>
    public string DirectCallDn { get; set; } = DefaultDirectCallDn;

    /// <summary>Seconds between two direct calls to <see cref="DirectCallDn"/> (0 = none); the first comes 1 s after the traffic starts.</summary>
    public double DirectCallInterval { get; set; } = 15;

    /// <summary>The default of <see cref="DirectCallDn"/>.</summary>
    public const string DefaultDirectCallDn = "5001";

    /// <summary>The first direct call's delay after the traffic starts.</summary>
    public static readonly TimeSpan FirstDirectCallAfter = TimeSpan.FromSeconds(1);

    /// <summary>The outside numbers of the direct callers (the route point's callers count from the simulator's own first number).</summary>
    public const long FirstDirectCaller = 302106550100;

    /// <summary>Seconds from arrival to answer of the scripted calls.</summary>
    public double AnswerDelay { get; set; } = 2;

    /// <summary>Seconds from answer to the caller hanging up (also the longest a caller waits in queue 4001).</summary>
    public double HoldTime { get; set; } = 10;

    /// <summary>Fraction 0..1 of calls the caller abandons (5 s after arrival when not answered).</summary>
    public double AbandonRate { get; set; }

    /// <summary>Fraction 0..1 of answered calls single-step transferred to <see cref="TransferTo"/>.</summary>
    public double TransferRate { get; set; }

    /// <summary>Where transferred calls go.</summary>
    public string TransferTo { get; set; } = "4001";

    /// <summary>
    /// Seconds after which the simulator itself moves a call still waiting at 3001 to queue 4001 (a safety net: the
    /// gateway routes 3001's calls, to 4001 at once when no router is registered, after its 10 s router timeout
    /// otherwise); 0: 3001 answers the calls itself.
    /// </summary>
    public double RoutingTimeout { get; set; } = 30;

    /// <summary>The scripted traffic of the embedded tel_sw simulator.</summary>
    public TrafficSettings Traffic() => new()
    {
        CallsPerSecond = CallsPerSecond,
        TargetDn = "3001",
        AnswerDelay = AnswerDelay,
        HoldTime = HoldTime,
        AbandonRate = AbandonRate,
        TransferRate = TransferRate,
        TransferTo = TransferTo,
        RoutingTimeout = RoutingTimeout,
    };

    /// <summary>
    /// The direct calls to <see cref="DirectCallDn"/>, or null when <see cref="DirectCallInterval"/> is 0: answered by the
    /// extension after <see cref="AnswerDelay"/>, released by the caller <see cref="HoldTime"/> later. A call that finds
    /// the extension busy is not offered (the caller hears busy), as a real station without call waiting does.
    /// </summary>
    public InboundTrafficOptions? DirectCalls() => DirectCallInterval <= 0
        ? null
        : new InboundTrafficOptions
        {
            TargetDn = DirectCallDn,
            CallsPerSecond = 1 / DirectCallInterval,
            FirstCallAfter = FirstDirectCallAfter,
            FirstTrunkNumber = FirstDirectCaller,
            AnswerDelay = TimeSpan.FromSeconds(AnswerDelay),
            HoldTime = TimeSpan.FromSeconds(HoldTime),
        };

    public IEnumerable<string> Validate(string path)
    {
        if (double.IsNaN(CallsPerSecond) || CallsPerSecond < 0 || CallsPerSecond > 10_000)
        {
            yield return $"{path}:CallsPerSecond: {CallsPerSecond} must be between 0 and 10000";
        }

        foreach (var problem in Traffic().Validate(name => $"{path}:{name}"))
        {
            if (!problem.StartsWith($"{path}:CallsPerSecond:", StringComparison.Ordinal) && !problem.StartsWith($"{path}:TargetDn:", StringComparison.Ordinal))
            {
                yield return problem;
            }
        }

        if (!(DirectCallInterval == 0 || (DirectCallInterval >= 1 && DirectCallInterval <= 86_400)))
        {
            yield return $"{path}:DirectCallInterval: {DirectCallInterval.ToString(System.Globalization.CultureInfo.InvariantCulture)} must be 0 (no direct calls) or a number of seconds from 1 to 86400";
        }

        if (!SwitchingPlan.Demo().TryGet(DirectCallDn ?? string.Empty, out var direct) || direct.Kind != SimDeviceKind.Extension || direct.SwitchName != DemoPlan.Switch)
        {
            yield return $"{path}:DirectCallDn: '{DirectCallDn}' is not an extension of switch {DemoPlan.Switch} in the demo plan (5001-5099)";
        }

        if (Simulator.Length > 0 && !SwitchSettings.TryParseEndpoint(Simulator, out _, out _))
        {
            yield return $"{path}:Simulator: '{Simulator}' is not HOST:PORT (port 1..65535)";
        }

        if (Simulator1.Length > 0 && !SwitchSettings.TryParseEndpoint(Simulator1, out _, out _))
        {
            yield return $"{path}:Simulator1: '{Simulator1}' is not HOST:PORT (port 1..65535)";
        }
    }
}
