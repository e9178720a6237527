namespace CtiGateway.Daemon;

/// <summary>
/// The "Logging:Areas" section: per-area verbosity, reloadable with SIGHUP. The two traces are off by default and
/// log at Verbose whatever Logging:Level says; the component areas take a level name, empty following Logging:Level.
/// </summary>
internal sealed class LoggingAreasSettings
{
    /// <summary>Trace every CSTA message read from a switch link and every MonitorStart sent (category CtiGateway.LinkTrace).</summary>
    public bool LinkTrace { get; set; }

    /// <summary>Trace every T-Library request received and event sent (category CtiGateway.ProtocolTrace).</summary>
    public bool ProtocolTrace { get; set; }

    /// <summary>Minimum level of the switch links (CtiGateway.Switching, CtiGateway.Pbx); empty = Logging:Level.</summary>
    public string Switching { get; set; } = string.Empty;

    /// <summary>Minimum level of the T-Library server (CtiGateway.Server); empty = Logging:Level.</summary>
    public string TServer { get; set; } = string.Empty;

    public IEnumerable<string> Validate(string path)
    {
        if (Switching.Length > 0 && !LoggingSettings.IsLevel(Switching))
        {
            yield return $"{path}:Switching: '{Switching}' is not a log level (one of {string.Join(", ", LoggingSettings.Levels)}, or empty for Logging:Level)";
        }

        if (TServer.Length > 0 && !LoggingSettings.IsLevel(TServer))
        {
            yield return $"{path}:TServer: '{TServer}' is not a log level (one of {string.Join(", ", LoggingSettings.Levels)}, or empty for Logging:Level)";
        }
    }
}
