using CtiGateway.CallModel;
using CtiGateway.Pbx.Csta;
using CtiGateway.Pbx.Links;
using CtiGateway.Pbx.Profiles;

namespace CtiGateway.Switching;

/// <summary>One configured switch at run time: its profile, links and link group.</summary>
internal sealed class SwitchRuntime(string name, FirmwareProfile profile, CstaDialectFlavour flavour, IReadOnlyList<(CstaTcpLink Link, string Endpoint)> links)
{
    /// <summary>Switch messages read so far (the call model consumes them later).</summary>
    public long MessagesReceived;

    public string Name { get; } = name;

    public FirmwareProfile Profile { get; } = profile;

    public CstaDialectFlavour Flavour { get; } = flavour;

    public IReadOnlyList<(CstaTcpLink Link, string Endpoint)> Links { get; } = links;

    public SwitchLinkGroup Group { get; set; } = null!;

    /// <summary>The loop that owns the switch's call model (its one reader).</summary>
    public SwitchCallHost Calls { get; set; } = null!;

    /// <summary>The switch's DNs with their types: profile numbering plan and <c>Switches:N:Dns</c>.</summary>
    public DnDirectory Directory { get; init; } = DnDirectory.Empty;

    /// <summary>The switch's session settings (GetDeviceId's CM name and address).</summary>
    public SwitchSessionSettings Session { get; init; } = new();

    /// <summary>DN &lt;-&gt; device id of the active link's session (get-device-id profiles); null while none.</summary>
    public DeviceIdMap? DeviceIds;

    /// <summary>Times a link of this switch became the active one (the first is the start-up, later ones re-issue).</summary>
    public int Activations;

    /// <summary>The access code this switch dials for each other switch of the gateway (Switches:N:AccessNumbers).</summary>
    public IReadOnlyDictionary<string, string> AccessNumbers { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The DNs out of service and why, as the call-model loop last set them (read by the drain and the retry).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, DnOutage> OutOfServiceDns { get; } = new(StringComparer.Ordinal);

    /// <summary>The MonitorStart answers of the current activation, paired with their DNs.</summary>
    public MonitorAnswers MonitorAnswers { get; } = new();

    /// <summary>How often MonitorStart is retried for the DNs out of service.</summary>
    public TimeSpan MonitorRetryInterval { get; init; } = TimeSpan.FromSeconds(SwitchSettings.DefaultMonitorRetrySeconds);

    /// <summary>The last SnapshotDevice round after a failover or reconnect, or null when none ran yet.</summary>
    public SwitchSnapshotSummary? LastSnapshot;

    /// <summary>Dial-in listeners (gateway as TCP server) owned by this switch's links; closed when the switch stops.</summary>
    public IReadOnlyList<IDisposable> Listeners { get; init; } = [];

    /// <summary>The hardware-error coalescers of the links; disposed (pending summaries sent) when the switch stops.</summary>
    public IReadOnlyList<HardwareErrorCoalescer> Coalescers { get; init; } = [];

    /// <summary>Sends the pending hardware-error summaries of the links and stops their timers.</summary>
    public void DisposeCoalescers()
    {
        foreach (var coalescer in Coalescers)
        {
            coalescer.Dispose();
        }
    }

    /// <summary>Closes the dial-in listeners, so a restarted switch (or another process) can bind their ports.</summary>
    public void DisposeListeners()
    {
        foreach (var listener in Listeners)
        {
            listener.Dispose();
        }
    }
}
