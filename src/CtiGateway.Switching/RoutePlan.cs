using System.Collections.Frozen;

namespace CtiGateway.Switching;

/// <summary>The routing points of one switch as configured (<c>Switches:N:RoutePoints</c>), immutable.</summary>
internal sealed class RoutePlan
{
    /// <summary>The router timeout of a routing point that has no entry.</summary>
    public static readonly TimeSpan DefaultRouterTimeout = TimeSpan.FromSeconds(10);

    private readonly FrozenDictionary<string, RoutePointSettings> _points;

    public RoutePlan(SwitchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var points = new Dictionary<string, RoutePointSettings>(StringComparer.Ordinal);
        foreach (var rp in settings.RoutePoints ?? [])
        {
            if (rp is { Dn.Length: > 0 })
            {
                points.TryAdd(rp.Dn, rp);
            }
        }

        _points = points.ToFrozenDictionary(StringComparer.Ordinal);
        HopLimit = settings.RouteHopLimit;
    }

    /// <summary>No routing points configured.</summary>
    public static RoutePlan None { get; } = new(new SwitchSettings());

    /// <summary>Most routing points one call may pass.</summary>
    public int HopLimit { get; }

    /// <summary>The router timeout of <paramref name="routePoint"/>.</summary>
    public TimeSpan RouterTimeoutOf(string routePoint) =>
        _points.TryGetValue(routePoint, out var rp) ? rp.RouterTimeout : DefaultRouterTimeout;

    /// <summary>The default destinations by routing point, for <see cref="CallModel.CallModelOptions.DefaultRoutes"/>.</summary>
    public static IReadOnlyDictionary<string, string> DefaultRoutes(SwitchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rp in settings.RoutePoints ?? [])
        {
            if (rp is { Dn.Length: > 0, DefaultDestination.Length: > 0 })
            {
                routes.TryAdd(rp.Dn, rp.DefaultDestination);
            }
        }

        return routes.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
