using System.Globalization;
using CtiGateway.Orchestration;
using CtiGateway.Switching;

namespace CtiGateway.Daemon;

/// <summary>
/// The <c>Orchestration</c> section: routing strategies run next to the switch (docs/configuration.md). The strategy
/// of each routing point is the <c>Strategy</c> key of its <c>Switches:N:RoutePoints:M</c> entry; routing points with
/// none run <see cref="DefaultStrategy"/> when it is set. Orchestration runs when it is enabled and at least one
/// strategy is configured; every strategy is loaded and checked at start (and on SIGHUP).
/// </summary>
internal sealed class OrchestrationSettings
{
    /// <summary>Longest session time-to-live accepted, in seconds (one day).</summary>
    public const int MaxSessionTtlSeconds = 86_400;

    /// <summary>Longest request timeout accepted, in seconds.</summary>
    public const int MaxRequestTimeoutSeconds = 300;

    /// <summary>Most sessions accepted for <see cref="MaxSessions"/>.</summary>
    public const int MaxMaxSessions = 1_000_000;

    /// <summary>False turns orchestration off even when strategies are configured (they are then not loaded).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The strategy of routing points that have no <c>Strategy</c> of their own; empty: none.</summary>
    public string DefaultStrategy { get; set; } = string.Empty;

    /// <summary>Most sessions alive at once; a call arriving beyond it gets no session.</summary>
    public int MaxSessions { get; set; } = OrchestrationOptions.DefaultMaxSessions;

    /// <summary>Longest life of one session, in seconds; it is ended after that.</summary>
    public int SessionTtlSeconds { get; set; } = 3600;

    /// <summary>Seconds an <c>ixn:</c> or <c>queue:</c> request waits for the T-Server's answer before its error event.</summary>
    public int RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>Range checks of the section's own keys; one line per problem with its key path.</summary>
    public IEnumerable<string> Validate(string path)
    {
        if (MaxSessions is < 1 or > MaxMaxSessions)
        {
            yield return $"{path}:MaxSessions: {MaxSessions.ToString(CultureInfo.InvariantCulture)} must be 1-{MaxMaxSessions.ToString(CultureInfo.InvariantCulture)}";
        }

        if (SessionTtlSeconds is < 1 or > MaxSessionTtlSeconds)
        {
            yield return $"{path}:SessionTtlSeconds: {SessionTtlSeconds.ToString(CultureInfo.InvariantCulture)} must be 1-{MaxSessionTtlSeconds.ToString(CultureInfo.InvariantCulture)} seconds";
        }

        if (RequestTimeoutSeconds is < 1 or > MaxRequestTimeoutSeconds)
        {
            yield return $"{path}:RequestTimeoutSeconds: {RequestTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} must be 1-{MaxRequestTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds";
        }
    }

    /// <summary>
    /// Loads and checks every configured strategy (when orchestration is enabled): a missing file, or each problem of a
    /// document that does not load as <c>FILE:LINE:COL: message</c>, after the key path that names it
    /// (<c>Switches:0:RoutePoints:0:Strategy: /etc/ctigateway/route.scxml:12:5: ...</c>). A file used by several
    /// routing points is loaded once and reported at its first key.
    /// </summary>
    public static IReadOnlyList<string> ValidateStrategies(OrchestrationSettings orchestration, IReadOnlyList<SwitchSettings> switches, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(orchestration);
        ArgumentNullException.ThrowIfNull(switches);
        var problems = new List<string>();
        if (!orchestration.Enabled)
        {
            return problems;
        }

        var checkedFiles = new HashSet<string>(StringComparer.Ordinal);
        if (orchestration.DefaultStrategy is { Length: > 0 } fallback)
        {
            Check("Orchestration:DefaultStrategy", fallback);
        }

        for (var i = 0; i < switches.Count; i++)
        {
            var routePoints = switches[i].RoutePoints ?? [];
            for (var j = 0; j < routePoints.Count; j++)
            {
                if (routePoints[j]?.Strategy is { Length: > 0 } strategy)
                {
                    Check(string.Create(CultureInfo.InvariantCulture, $"Switches:{i}:RoutePoints:{j}:Strategy"), strategy);
                }
            }
        }

        return problems;

        void Check(string key, string file)
        {
            var path = OrchestrationPlan.Resolve(file, baseDirectory);
            if (!checkedFiles.Add(path))
            {
                return;
            }

            if (Directory.Exists(path))
            {
                problems.Add($"{key}: {path} is a folder, not a strategy file");
                return;
            }

            if (!File.Exists(path))
            {
                problems.Add($"{key}: strategy file {path} does not exist");
                return;
            }

            var options = new OrchestrationOptions { Strategies = [new StrategyBinding("strategy", path)] };

            // The first line of a document's problems names the strategy; the lines after it are FILE:LINE:COL: message.
            foreach (var line in OrchestrationService.Validate(options).Where(l => !l.EndsWith(" does not load:", StringComparison.Ordinal)))
            {
                problems.Add($"{key}: {line}");
            }
        }
    }
}
