namespace CtiGateway.Daemon;

/// <summary>The "Logging" section: minimum level and per-area verbosity, both reloadable with SIGHUP.</summary>
internal sealed class LoggingSettings
{
    internal static readonly string[] Levels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    /// <summary>Minimum level: Verbose, Debug, Information, Warning, Error or Fatal.</summary>
    public string Level { get; set; } = "Information";

    /// <summary>Per-area verbosity: link and protocol traces, and a level per component.</summary>
    public LoggingAreasSettings Areas { get; set; } = new();

    internal static bool IsLevel(string level) => Levels.Contains(level, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Validate(string path)
    {
        if (!IsLevel(Level))
        {
            yield return $"{path}:Level: '{Level}' is not a log level (one of {string.Join(", ", Levels)})";
        }

        foreach (var p in (Areas ?? new()).Validate(path + ":Areas"))
        {
            yield return p;
        }
    }
}
