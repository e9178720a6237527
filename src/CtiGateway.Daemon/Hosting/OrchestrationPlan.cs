using CtiGateway.Orchestration;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// Turns the daemon's settings into the <see cref="OrchestrationOptions"/> orchestration runs with: every routing point
/// of every switch (<c>DN@switch</c>), the strategy of each that has one, the default strategy and the limits.
/// Relative strategy paths resolve against the config file's folder, as firmware profiles do.
/// </summary>
internal static class OrchestrationPlan
{
    /// <summary>The application name the in-process T-Library client registers with.</summary>
    public const string ApplicationName = "ctigw-orchestration";

    /// <summary>
    /// The options for <paramref name="settings"/> and the switches that run (configured, or the demo's).
    /// <paramref name="fallbackStrategy"/> (a full path: the demo's strategy) is the default strategy when
    /// <c>Orchestration:DefaultStrategy</c> names none.
    /// </summary>
    public static OrchestrationOptions Build(OrchestrationSettings settings, IReadOnlyList<SwitchSettings> switches, string baseDirectory, string? fallbackStrategy = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(switches);
        var strategies = new List<StrategyBinding>();
        var routePoints = new List<string>();
        foreach (var sw in switches)
        {
            foreach (var rp in sw.RoutePoints ?? [])
            {
                if (rp is null || rp.Dn.Length == 0)
                {
                    continue;
                }

                var routePoint = rp.Dn + "@" + sw.Name;
                routePoints.Add(routePoint);
                if (rp.Strategy is { Length: > 0 } strategy)
                {
                    strategies.Add(new StrategyBinding(routePoint, Resolve(strategy, baseDirectory)));
                }
            }
        }

        return new OrchestrationOptions
        {
            Strategies = strategies,
            RoutePoints = routePoints,
            DefaultStrategy = settings.DefaultStrategy is { Length: > 0 } configured ? Resolve(configured, baseDirectory) : fallbackStrategy,
            MaxSessions = settings.MaxSessions,
            SessionTimeToLive = TimeSpan.FromSeconds(settings.SessionTtlSeconds),
            RequestTimeout = TimeSpan.FromSeconds(settings.RequestTimeoutSeconds),
            ApplicationName = ApplicationName,
        };
    }

    /// <summary>True when <paramref name="options"/> gives at least one routing point a strategy.</summary>
    public static bool HasStrategies(OrchestrationOptions options) =>
        options.Strategies.Count > 0 || (options.DefaultStrategy is not null && options.RoutePoints.Count > 0);

    /// <summary>A strategy path: absolute as given, relative against <paramref name="baseDirectory"/>.</summary>
    public static string Resolve(string file, string baseDirectory) =>
        Path.IsPathRooted(file) ? Path.GetFullPath(file) : Path.GetFullPath(Path.Combine(baseDirectory, file));
}
