namespace CtiGateway.Orchestration;

/// <summary>How a routing request of a session ended: sent, or refused with the ORS error value and a description.</summary>
/// <param name="Ok">The T-Server accepted the request.</param>
/// <param name="Error">The ORS error value (invalidstate, invaliddestination, remote) when refused.</param>
/// <param name="Description">Why, naming the request and the T-Server's error.</param>
internal readonly record struct RouteOutcome(bool Ok, string Error, string Description)
{
    public static RouteOutcome Sent => new(true, string.Empty, string.Empty);
}
