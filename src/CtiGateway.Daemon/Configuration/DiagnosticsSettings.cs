namespace CtiGateway.Daemon;

/// <summary>The <c>Diagnostics</c> section: test-only switches.</summary>
internal sealed class DiagnosticsSettings
{
    /// <summary>Fault injection for the watchdog tests.</summary>
    public FaultSettings Faults { get; set; } = new();

    public IEnumerable<string> Validate(string path) => Faults.Validate(path + ":Faults");
}
