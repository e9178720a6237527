namespace CtiGateway.Daemon;

/// <summary>The "Logging" section: minimum level and per-area verbosity, both reloadable with SIGHUP.</summary>
internal sealed class LoggingSettings
{
    internal const int MaxRateLimitPerSecond = 1_000_000;

    internal static readonly string[] Levels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    /// <summary>Minimum level: Verbose, Debug, Information, Warning, Error or Fatal.</summary>
    public string Level { get; set; } = "Information";

    /// <summary>Per-area verbosity: link and protocol traces, and a level per component.</summary>
    public LoggingAreasSettings Areas { get; set; } = new();

    /// <summary>
    /// Most lines per second of one event id of one category (the traces are exempt); the rest are counted in one
    /// "Suppressed N lines" line (event 95) when the second ends. 0 writes every line.
    /// </summary>
    public int RateLimitPerSecond { get; set; } = LogRateLimiter.DefaultLinesPerSecond;

    internal static bool IsLevel(string level) => Levels.Contains(level, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Validate(string path)
    {
        if (!IsLevel(Level))
        {
            yield return $"{path}:Level: '{Level}' is not a log level (one of {string.Join(", ", Levels)})";
        }

        if (RateLimitPerSecond is < 0 or > MaxRateLimitPerSecond)
        {
            yield return $"{path}:RateLimitPerSecond: {RateLimitPerSecond} is out of range: lines per second per event id, 0 (no limit) to {MaxRateLimitPerSecond}";
        }

        foreach (var p in (Areas ?? new()).Validate(path + ":Areas"))
        {
            yield return p;
        }
    }
}
