namespace CtiGateway.Daemon;

/// <summary>
/// The <c>Diagnostics:Faults</c> section, test-only: with <see cref="Enabled"/> the control socket accepts
/// <c>fault block-accept-loop</c> / <c>fault release-accept-loop</c>, which stall the real T-Library accept loop so a
/// test can watch the systemd watchdog pings stop. Refused unless the environment also sets
/// <c>CTIGW_TEST_FAULTS=1</c>, so a production config cannot switch it on by accident.
/// </summary>
internal sealed class FaultSettings
{
    /// <summary>The environment variable that must be "1" for <see cref="Enabled"/> to be accepted.</summary>
    public const string EnvironmentVariable = "CTIGW_TEST_FAULTS";

    /// <summary>Accept fault commands on the control socket (test-only).</summary>
    public bool Enabled { get; set; }

    public IEnumerable<string> Validate(string path)
    {
        if (Enabled && Environment.GetEnvironmentVariable(EnvironmentVariable) != "1")
        {
            yield return $"{path}:Enabled: test-only fault injection; refused unless the environment sets {EnvironmentVariable}=1";
        }
    }
}
