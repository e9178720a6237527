using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>The strategies in force: per route point (bare DN) the loaded document. Replaced whole on reload.</summary>
internal sealed class StrategySet
{
    private readonly Dictionary<string, LoadedStrategy> _byRoutePoint;

    private StrategySet(Dictionary<string, LoadedStrategy> byRoutePoint)
    {
        _byRoutePoint = byRoutePoint;
    }

    /// <summary>The route points (bare DNs) that run a strategy.</summary>
    public IReadOnlyCollection<string> RoutePoints => _byRoutePoint.Keys;

    public LoadedStrategy? For(string routePoint) => _byRoutePoint.GetValueOrDefault(BareDn(routePoint));

    public string Describe() => string.Join(", ", _byRoutePoint.Select(p => p.Key + "=" + p.Value.Name));

    public static ScxmlLoadOptions LoadOptionsFor(OrchestrationOptions options) =>
        new() { Dialect = options.Dialect, AllowedRoots = options.AllowedRoots };

    /// <summary>Loads every strategy once (a file used on several route points is loaded once).</summary>
    /// <exception cref="OrchestrationConfigException">Any strategy has an error; all problems are listed.</exception>
    public static StrategySet Load(OrchestrationOptions options)
    {
        var problems = new List<string>();
        var loaded = new Dictionary<string, LoadedStrategy?>(StringComparer.Ordinal);
        var byRoutePoint = new Dictionary<string, LoadedStrategy>(StringComparer.Ordinal);
        var loadOptions = LoadOptionsFor(options);

        LoadedStrategy? LoadFile(string file, string where)
        {
            if (string.IsNullOrWhiteSpace(file))
            {
                problems.Add($"{where}: the strategy file is empty");
                return null;
            }

            var path = Path.GetFullPath(file);
            if (loaded.TryGetValue(path, out var known))
            {
                return known;
            }

            LoadedStrategy? strategy = null;
            if (!File.Exists(path))
            {
                problems.Add($"{where}: strategy file {path} does not exist");
            }
            else
            {
                ScxmlDocument? document = null;
                List<string> errors;
                try
                {
                    document = ScxmlLoader.LoadFile(path, loadOptions);
                    errors = [];
                }
                catch (ScxmlLoadException ex)
                {
                    errors = [.. ex.Diagnostics.Where(d => !d.IsWarning).Select(d => d.ToString())];
                }

                if (document is null || errors.Count > 0)
                {
                    problems.Add($"{where}: strategy {path} does not load:");
                    problems.AddRange(errors.Count > 0 ? errors : [$"{path}: the document could not be read"]);
                }
                else
                {
                    strategy = new LoadedStrategy(Path.GetFileName(path), path, document);
                }
            }

            loaded[path] = strategy;
            return strategy;
        }

        for (var i = 0; i < options.Strategies.Count; i++)
        {
            var binding = options.Strategies[i];
            var where = $"strategy {i} (route point {binding.RoutePoint})";
            if (string.IsNullOrWhiteSpace(binding.RoutePoint))
            {
                problems.Add($"strategy {i}: the route point is empty");
                continue;
            }

            var dn = BareDn(binding.RoutePoint);
            if (byRoutePoint.ContainsKey(dn))
            {
                problems.Add($"{where}: route point {dn} has more than one strategy");
                continue;
            }

            if (LoadFile(binding.File, where) is { } strategy)
            {
                byRoutePoint[dn] = strategy;
            }
        }

        if (options.DefaultStrategy is { } defaultFile && LoadFile(defaultFile, "default strategy") is { } fallback)
        {
            foreach (var routePoint in options.RoutePoints)
            {
                byRoutePoint.TryAdd(BareDn(routePoint), fallback);
            }
        }

        if (options.MaxSessions < 1)
        {
            problems.Add($"MaxSessions {options.MaxSessions} must be at least 1");
        }

        if (options.SessionTimeToLive <= TimeSpan.Zero)
        {
            problems.Add($"SessionTimeToLive {options.SessionTimeToLive} must be positive");
        }

        if (problems.Count > 0)
        {
            throw new OrchestrationConfigException(problems);
        }

        return new StrategySet(byRoutePoint);
    }

    /// <summary>Loads one strategy file (for a session started on request).</summary>
    /// <exception cref="OrchestrationConfigException">It does not load.</exception>
    public static LoadedStrategy LoadOne(string file, OrchestrationOptions options)
    {
        var set = Load(new OrchestrationOptions
        {
            Strategies = [new StrategyBinding("adopt", file)],
            AllowedRoots = options.AllowedRoots,
            MaxSessions = options.MaxSessions,
            SessionTimeToLive = options.SessionTimeToLive,
        });
        return set.For("adopt")!;
    }

    /// <summary>The DN of <c>DN@switch</c> (events name bare DNs).</summary>
    public static string BareDn(string dn)
    {
        var at = dn.LastIndexOf('@');
        return at > 0 ? dn[..at] : dn;
    }
}
