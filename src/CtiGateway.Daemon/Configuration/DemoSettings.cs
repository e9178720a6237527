using CtiGateway.Simulator;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// The <c>Demo</c> section: settings of <c>ctigatewayd --demo</c>. The demo links switch <c>tel_sw</c> (profile
/// osv-v10) and switch <c>tel_sw_1</c> (profile avaya-aes-dmcc-8) to embedded simulators, or to simulators that are
/// already running (<see cref="Simulator"/>, <see cref="Simulator1"/>). The traffic keys shape the scripted inbound
/// calls to route point 3001 (embedded tel_sw simulator only). With the defaults a call arrives at 3001 every 5 s,
/// is routed by the gateway (a router registered on 3001 gets EventRouteRequest; with none the call goes at once) to ACD queue 4001, which hands it to the first free ready agent of 5001-5020
/// (linear hunt: 5001 takes every call it is free for); the agent answers after 2 s and the caller hangs up 10 s later.
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
