using CtiGateway.Server;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>The root of the daemon's JSON config (docs/configuration.md). Every key is validated at start.</summary>
internal sealed class GatewaySettings
{
    /// <summary>The T-Library server (client port, limits, TLS, ADDP).</summary>
    public TServerOptions TServer { get; set; } = new();

    /// <summary>Console logging.</summary>
    public LoggingSettings Logging { get; set; } = new();

    /// <summary>Hot-standby role of this node.</summary>
    public HighAvailabilitySettings HighAvailability { get; set; } = new();

    /// <summary>The switches and their links (<c>Switches:N</c>).</summary>
    public List<SwitchSettings> Switches { get; set; } = [];

    /// <summary>Named groups of agents (<c>AgentGroups:N</c>), for orchestration's <c>queue:</c> targets.</summary>
    public List<AgentGroupSettings> AgentGroups { get; set; } = [];

    /// <summary>Routing strategies run next to the switch (<c>Orchestration</c>).</summary>
    public OrchestrationSettings Orchestration { get; set; } = new();

    /// <summary>Settings of <c>--demo</c>.</summary>
    public DemoSettings Demo { get; set; } = new();

    /// <summary>The local control socket (<c>ctigw status</c>).</summary>
    public ControlSettings Control { get; set; } = new();

    /// <summary>Metrics exporters (Prometheus).</summary>
    public MetricsSettings Metrics { get; set; } = new();

    /// <summary>Test-only diagnostics (fault injection).</summary>
    public DiagnosticsSettings Diagnostics { get; set; } = new();

    /// <summary>Folder that relative firmware profile paths resolve against (the config file's folder); not a config key.</summary>
    internal string ProfileBaseDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>Range checks beyond types; one line per problem with the key path.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var p in TServer.Validate("TServer"))
        {
            yield return p;
        }

        foreach (var p in Logging.Validate("Logging"))
        {
            yield return p;
        }

        foreach (var p in HighAvailability.Validate("HighAvailability"))
        {
            yield return p;
        }

        foreach (var p in Demo.Validate("Demo"))
        {
            yield return p;
        }

        foreach (var p in Control.Validate("Control").Concat(Metrics.Validate("Metrics")).Concat(Diagnostics.Validate("Diagnostics")))
        {
            yield return p;
        }

        foreach (var p in SwitchSettings.Validate(Switches, "Switches", ProfileBaseDirectory).Concat(AgentGroupSettings.Validate(AgentGroups, "AgentGroups")))
        {
            yield return p;
        }

        foreach (var p in Orchestration.Validate("Orchestration").Concat(OrchestrationSettings.ValidateStrategies(Orchestration, Switches, ProfileBaseDirectory)))
        {
            yield return p;
        }
    }
}
