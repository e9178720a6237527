using CtiGateway.Scxml;

namespace CtiGateway.Orchestration;

/// <summary>What the orchestration layer runs: strategies per route point, the default strategy and the session limits.</summary>
public sealed class OrchestrationOptions
{
    /// <summary>Default for <see cref="MaxSessions"/>.</summary>
    public const int DefaultMaxSessions = 20_000;

    /// <summary>Strategies per route point.</summary>
    public IReadOnlyList<StrategyBinding> Strategies { get; init; } = [];

    /// <summary>
    /// The gateway's RoutingPoint DNs (<c>DN@switch</c>). Those without a strategy in <see cref="Strategies"/> run
    /// <see cref="DefaultStrategy"/> when one is set; otherwise orchestration leaves them alone.
    /// </summary>
    public IReadOnlyList<string> RoutePoints { get; init; } = [];

    /// <summary>The strategy for route points that have none (null: none).</summary>
    public string? DefaultStrategy { get; init; }

    /// <summary>Most sessions alive at once; a call arriving beyond it gets no session (the route point's default destination serves it).</summary>
    public int MaxSessions { get; init; } = DefaultMaxSessions;

    /// <summary>Longest life of a session; it is ended (cancelled) after that.</summary>
    public TimeSpan SessionTimeToLive { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long an <c>ixn:</c> or <c>queue:</c> request may wait for the T-Server's answer before its error event.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The dialect strategies are read in: ORS (the default), or W3C for a document written to the 2015 Recommendation (<c>ctigw strategy try --dialect w3c</c>).</summary>
    public ScxmlDialect Dialect { get; init; } = ScxmlDialect.Ors;

    /// <summary>Folders, besides each strategy's own folder, from which strategies may read includes.</summary>
    public IReadOnlyList<string> AllowedRoots { get; init; } = [];

    /// <summary>The tenant name shown in <c>_genesys.session.tenant</c>.</summary>
    public string Tenant { get; init; } = "Environment";

    /// <summary>Access numbers are the switches' business; this is only the name of the application shown to the T-Server.</summary>
    public string ApplicationName { get; init; } = "ctigw-orchestration";
}
