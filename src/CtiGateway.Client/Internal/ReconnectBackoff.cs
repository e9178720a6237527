namespace CtiGateway.Client;

/// <summary>Exponential reconnect backoff with jitter: attempt n waits between half and all of min * 2^n, capped at max, never below min.</summary>
internal static class ReconnectBackoff
{
    /// <summary>The delay before reconnect attempt <paramref name="attempt"/> (0-based).</summary>
    public static TimeSpan GetDelay(int attempt, TimeSpan min, TimeSpan max, double random)
    {
        var ceiling = min.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        ceiling = Math.Min(ceiling, max.TotalMilliseconds);
        var jittered = (ceiling / 2) + (ceiling / 2 * Math.Clamp(random, 0, 1));
        return TimeSpan.FromMilliseconds(Math.Clamp(jittered, min.TotalMilliseconds, max.TotalMilliseconds));
    }
}
