namespace CtiGateway.Switching.Tests;

/// <summary>
/// A firmware profile the end-to-end scenario suite runs on: the shipped profile file, how the simulator is reached
/// (TCP, or a socat pseudo-terminal pair for a serial profile), the switch's name, the DNs that stand for the scenario's
/// parties A, B, C, D, the probe pair that marks the end of each step, and the external number.
/// </summary>
internal sealed record ConformanceProfile(string Id, string SwitchName, bool Serial, int FirstDn)
{
    /// <summary>The OSV-style CSTA-XML profile over TCP, with its shipped numbering plan (5001-5099, 4001, 3001).</summary>
    public static ConformanceProfile Osv { get; } = new("osv-v10", "tel_sw", Serial: false, FirstDn: 5001);

    /// <summary>The DMCC-style profile (application session, GetDeviceId), its plan narrowed to 7001-7010.</summary>
    public static ConformanceProfile Dmcc { get; } = new("avaya-aes-dmcc-8", "tel_sw_1", Serial: false, FirstDn: 7001) { PlanSize = 10, CmName = "CM1" };

    /// <summary>CSTA-XML over LAPB on a serial line (a socat pty pair), its plan narrowed to 5001-5010.</summary>
    public static ConformanceProfile SerialLapb { get; } = new("serial-lapb-csta", "tel_sw", Serial: true, FirstDn: 5001) { PlanSize = 10, KeepsQueue = true };

    public static IReadOnlyList<ConformanceProfile> All { get; } = [Osv, Dmcc, SerialLapb];

    /// <summary>When set, the profile's numbering plan is narrowed to this many extensions from <see cref="FirstDn"/>.</summary>
    public int? PlanSize { get; init; }

    /// <summary>The ACD queue agents log in to (CM-AGENT-STATE's Q): the demo plan's queue.</summary>
    public string QueueDn => "4001";

    /// <summary>Whether a narrowed numbering plan keeps <see cref="QueueDn"/> (soft-agent profiles need it in the switch's DNs).</summary>
    public bool KeepsQueue { get; init; }

    /// <summary>The communication manager name of an application-session (DMCC) profile.</summary>
    public string? CmName { get; init; }

    /// <summary>The external number every external party stands for (10 digits: outside every plan).</summary>
    public string ExternalNumber => "0612345678";

    /// <summary>Parties A, B, C, D: the first four DNs.</summary>
    public IReadOnlyList<string> PartyDns => [.. Enumerable.Range(FirstDn, 4).Select(Text)];

    /// <summary>The routing point of the CM-RP scenarios (router timeout 1 hour: the router always answers first).</summary>
    public string RoutePoint => "3001";

    /// <summary>The routing point of the scenarios that wait for the router timeout (1 s, real time: the step waits for its events).</summary>
    public string TimedRoutePoint => "3002";

    /// <summary>Both routing points; their default destination is party D (<see cref="PartyDns"/>[3]).</summary>
    public IReadOnlyList<string> RoutePoints => [RoutePoint, TimedRoutePoint];

    /// <summary>The probe caller, registered by every party's client: its call marks the end of a step.</summary>
    public string ProbeDn => Text(FirstDn + 9);

    /// <summary>The probe's callee (no client registers it).</summary>
    public string ProbeCalleeDn => Text(FirstDn + 8);

    public string ProfileFile => Id + ".json";

    public override string ToString() => Id;

    private static string Text(int dn) => dn.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
