namespace CtiGateway.Pbx.Links;

/// <summary>
/// When a link is dropped for an error storm: at least <see cref="ErrorsPerSecond"/> hardware errors in each of
/// <see cref="Window"/>'s consecutive seconds of one connection (profile <c>hardware-errors.drop-errors-per-second</c>
/// and <c>drop-window-s</c>).
/// </summary>
public sealed record ErrorStormThreshold
{
    /// <summary>Creates a threshold.</summary>
    /// <param name="errorsPerSecond">Hardware errors per second (at least 1).</param>
    /// <param name="window">Whole seconds the rate must hold (at least 1 s).</param>
    public ErrorStormThreshold(int errorsPerSecond, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(errorsPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromSeconds(1));
        ErrorsPerSecond = errorsPerSecond;
        Window = TimeSpan.FromSeconds(Math.Floor(window.TotalSeconds));
    }

    /// <summary>Hardware errors per second that count as a storm.</summary>
    public int ErrorsPerSecond { get; }

    /// <summary>How many consecutive seconds the rate must hold (whole seconds).</summary>
    public TimeSpan Window { get; }
}
