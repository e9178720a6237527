using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>The <c>Demo</c> section: settings of <c>ctigatewayd --demo</c>.</summary>
internal sealed class DemoSettings
{
    /// <summary>Inbound calls per second the embedded simulator delivers to route point 3001 (0.2 = one every 5 s; 0 = none).</summary>
    public double CallsPerSecond { get; set; } = 0.2;

    /// <summary>HOST:PORT of a simulator that is already running; empty starts an embedded one.</summary>
    public string Simulator { get; set; } = string.Empty;

    public IEnumerable<string> Validate(string path)
    {
        if (double.IsNaN(CallsPerSecond) || CallsPerSecond < 0 || CallsPerSecond > 10_000)
        {
            yield return $"{path}:CallsPerSecond: {CallsPerSecond} must be between 0 and 10000";
        }

        if (Simulator.Length > 0 && !SwitchSettings.TryParseEndpoint(Simulator, out _, out _))
        {
            yield return $"{path}:Simulator: '{Simulator}' is not HOST:PORT (port 1..65535)";
        }
    }
}
