namespace CtiGateway.Daemon;

/// <summary>The "HighAvailability" section. Today only the initial role; the peer link comes with the HA issue.</summary>
internal sealed class HighAvailabilitySettings
{
    /// <summary>primary or backup: the role this node starts in, reported in EventServerInfo.</summary>
    public string Role { get; set; } = "primary";

    public IEnumerable<string> Validate(string path)
    {
        if (!string.Equals(Role, "primary", StringComparison.OrdinalIgnoreCase) && !string.Equals(Role, "backup", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{path}:Role: '{Role}' must be primary or backup";
        }
    }
}
