using CtiGateway.Server;

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
    }
}
