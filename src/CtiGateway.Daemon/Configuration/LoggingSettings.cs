namespace CtiGateway.Daemon;

/// <summary>The "Logging" section: minimum level, reloadable with SIGHUP.</summary>
internal sealed class LoggingSettings
{
    private static readonly string[] Levels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    /// <summary>Minimum level: Verbose, Debug, Information, Warning, Error or Fatal.</summary>
    public string Level { get; set; } = "Information";

    public IEnumerable<string> Validate(string path)
    {
        if (!Levels.Contains(Level, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{path}:Level: '{Level}' is not a log level (one of {string.Join(", ", Levels)})";
        }
    }
}
