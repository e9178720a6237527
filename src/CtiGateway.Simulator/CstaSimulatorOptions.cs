using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Simulator;

/// <summary>Settings of <see cref="CstaSimulatorServer"/>.</summary>
public sealed record CstaSimulatorOptions
{
    /// <summary>The dialect flavour: its namespace is used for every body the switch writes. Default OSV (ed4).</summary>
    public CstaDialectFlavour Flavour { get; init; } = CstaDialectFlavour.OsvEd4;

    /// <summary>Interval of the switch's SystemStatus heartbeat on each link; null sends only the start-up one.</summary>
    public TimeSpan? HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the server runs the model's due actions (scripted traffic).</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Largest frame accepted from a gateway, header included.</summary>
    public int MaxFrameSize { get; init; } = CstaWire.MaxFrameSize;

    /// <summary>
    /// ECMA-354 application sessions as an Avaya AES plays them (DMCC profiles); null: OSV style (SystemStatus first,
    /// no session needed).
    /// </summary>
    public SimApplicationSessionOptions? ApplicationSession { get; init; }

    /// <summary>
    /// Whether agent events (AgentReady, AgentNotReady, ...) go to device monitors. False for switches that report
    /// none (profile quirk agent-events-not-reported-poll-agent-state, DMCC 6.2 and later): agent state is then only
    /// seen with GetAgentState.
    /// </summary>
    public bool ReportAgentEvents { get; init; } = true;

    /// <summary>
    /// The CSTA services the switch offers (a profile's <c>services</c>); any other request is answered
    /// <c>&lt;operation&gt;serviceNotSupported&lt;/operation&gt;</c>. Null offers every service the simulator has. The
    /// ECMA-354 session requests and GetDeviceId of an AES-style switch are answered by the session, not checked here.
    /// </summary>
    public IReadOnlySet<string>? Services { get; init; }

    /// <summary>The profile this switch plays, named in the reason of a refused service (logs); null when none.</summary>
    public string? ProfileId { get; init; }

    /// <summary>Delay before each response is sent (fault injection: slow responses); zero by default.</summary>
    public TimeSpan ResponseDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// The switch side of a CSTA-XML profile: its dialect flavour (ed3 and ed3/privN are DMCC-style, anything else
    /// OSV-style ed4), the SystemStatus heartbeat when the keep-alive method is SystemStatus, an AES-style
    /// application session when the profile has <c>dialect.application-session</c> (strict DMCC device ids with
    /// <c>dialect.device-id</c> <c>get-device-id</c>), no agent events when the
    /// profile has the quirk <c>agent-events-not-reported-poll-agent-state</c>, and only the profile's <c>services</c>.
    /// </summary>
    public static CstaSimulatorOptions ForProfile(FirmwareProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new CstaSimulatorOptions
        {
            Flavour = profile.Dialect.Namespace.StartsWith(CstaNamespaces.Ed3, StringComparison.Ordinal) ? CstaDialectFlavour.DmccEd3 : CstaDialectFlavour.OsvEd4,
            HeartbeatInterval = profile.KeepAlive.Method == KeepAliveMethod.SystemStatus && profile.KeepAlive.Interval > TimeSpan.Zero
                ? profile.KeepAlive.Interval
                : null,
            ApplicationSession = profile.Dialect.ApplicationSession is null
                ? null
                : new SimApplicationSessionOptions { RequireDeviceIds = profile.Dialect.DeviceIds == DeviceIdScheme.GetDeviceId },
            ReportAgentEvents = !profile.HasQuirk("agent-events-not-reported-poll-agent-state"),
            Services = profile.Services.ToHashSet(StringComparer.Ordinal),
            ProfileId = profile.Id,
        };
    }
}
