namespace CtiGateway.Cli.Bench;

/// <summary>The settings of <c>ctigw bench route</c>.</summary>
internal sealed record RouteOptions
{
    /// <summary>The route point every call arrives at.</summary>
    public const string RoutePoint = "3001";

    /// <summary>Calls arriving at the route point per second.</summary>
    public int RequestsPerSecond { get; init; } = 500;

    /// <summary>The measured window.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stations the router sends the calls to, in turn (FirstDn ..).</summary>
    public int Destinations { get; init; } = 1_000;

    /// <summary>The first destination station.</summary>
    public int FirstDn { get; init; } = 200_000;

    /// <summary>
    /// A routing strategy for the route point: the gateway's orchestration routes every call through a session of it
    /// (the bench's client then only watches the route point and ends the routed calls). Null: the bench routes.
    /// </summary>
    public string? Strategy { get; init; }

    /// <summary>ctigatewayd to start (an executable or ctigatewayd.dll); null looks for it.</summary>
    public string? GatewayPath { get; init; }

    /// <summary>The DN string of destination <paramref name="index"/>.</summary>
    public string DnName(int index) => (FirstDn + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
