using System.Globalization;
using CtiGateway.CallModel;

namespace CtiGateway.Switching;

/// <summary>
/// One routing point of a switch (<c>Switches:N:RoutePoints:M</c>): where its calls go when no router names a
/// destination, and how long a registered router has to answer EventRouteRequest with RequestRouteCall.
/// </summary>
public sealed class RoutePointSettings
{
    /// <summary>Longest router timeout accepted, in seconds.</summary>
    public const int MaxRouterTimeoutSeconds = 3600;

    /// <summary>The routing point DN: a DN of the switch with type RoutingPoint.</summary>
    public string Dn { get; set; } = string.Empty;

    /// <summary>
    /// Where the calls go after the router timeout, at once when no router is registered on the routing point, and for
    /// RequestRouteCall with RouteTypeDefault and no OtherDN. Empty: none (the calls wait for the switch's own treatment).
    /// </summary>
    public string DefaultDestination { get; set; } = string.Empty;

    /// <summary>Seconds a registered router has to answer EventRouteRequest (1-3600, default 10).</summary>
    public int RouterTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The routing strategy (an SCXML document, ORS dialect) that orchestration runs for each call arriving here; relative
    /// paths resolve against the config file's folder. Empty: the default strategy (<c>Orchestration:DefaultStrategy</c>)
    /// when one is set, otherwise none (the routing point is left to routers and its default destination).
    /// </summary>
    public string Strategy { get; set; } = string.Empty;

    /// <summary>The router timeout.</summary>
    public TimeSpan RouterTimeout => TimeSpan.FromSeconds(RouterTimeoutSeconds);

    /// <summary>
    /// Checks the routing points of one switch; one line per problem with its key path. <paramref name="kindOf"/> gives
    /// the type of a DN of the switch (null for a DN it does not hold, or when the switch's DNs are not known).
    /// </summary>
    internal static IEnumerable<string> Validate(IReadOnlyList<RoutePointSettings> routePoints, int hopLimit, string key, Func<string, DnKind?>? kindOf)
    {
        if (hopLimit is < 1 or > 64)
        {
            yield return $"{key}:RouteHopLimit: {hopLimit.ToString(CultureInfo.InvariantCulture)} must be 1-64 (routing points one call may pass)";
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < routePoints.Count; i++)
        {
            var rp = routePoints[i] ?? new RoutePointSettings();
            var rpKey = $"{key}:RoutePoints:{i.ToString(CultureInfo.InvariantCulture)}";
            var dn = rp.Dn ?? string.Empty;
            if (dn.Length == 0)
            {
                yield return $"{rpKey}:Dn: the routing point DN is required";
            }
            else if (seen.TryGetValue(dn, out var first))
            {
                yield return $"{rpKey}:Dn: routing point {dn} is already configured at {key}:RoutePoints:{first.ToString(CultureInfo.InvariantCulture)}";
            }
            else
            {
                seen[dn] = i;
                if (kindOf is not null && kindOf(dn) is var kind && kind != DnKind.RoutingPoint)
                {
                    yield return kind is null
                        ? $"{rpKey}:Dn: {dn} is not a DN of this switch (add it to Dns with Type RoutingPoint)"
                        : $"{rpKey}:Dn: {dn} has type {kind}, not RoutingPoint";
                }
            }

            var destination = rp.DefaultDestination ?? string.Empty;
            if (destination.Length > 0 && SwitchDirectory.DnProblem(destination) is { } problem)
            {
                yield return $"{rpKey}:DefaultDestination: the DN {problem}";
            }
            else if (destination.Length > 0 && destination == dn)
            {
                yield return $"{rpKey}:DefaultDestination: {dn} is the routing point itself";
            }

            if (rp.RouterTimeoutSeconds is < 1 or > MaxRouterTimeoutSeconds)
            {
                yield return $"{rpKey}:RouterTimeoutSeconds: {rp.RouterTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} must be 1-{MaxRouterTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} seconds";
            }
        }
    }

    /// <summary>The type <paramref name="plan"/> gives <paramref name="dn"/> (an entry overrides the numbering plan), or null.</summary>
    internal static DnKind? KindIn(SwitchDnPlan plan, string dn)
    {
        for (var i = plan.Entries.Count - 1; i >= 0; i--)
        {
            if (Holds(plan.Entries[i], dn))
            {
                return plan.Entries[i].Kind;
            }
        }

        foreach (var block in plan.Plan)
        {
            if (Holds(block, dn))
            {
                return block.Kind;
            }
        }

        return null;
    }

    private static bool Holds(DnBlock block, string dn) =>
        string.Equals(block.From, dn, StringComparison.Ordinal)
        || (block.IsRange && dn.Length == block.From.Length && dn.All(char.IsAsciiDigit)
            && string.CompareOrdinal(dn, block.From) >= 0 && string.CompareOrdinal(dn, block.To) <= 0);
}
