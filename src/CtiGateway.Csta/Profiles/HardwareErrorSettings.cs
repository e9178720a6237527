namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// How a link of the profile copes with a storm of hardware errors (profile section <c>hardware-errors</c>; every
/// value optional, <see cref="Default"/> when absent).
/// </summary>
/// <param name="EventsPerSecond">
/// <c>events-per-second</c>: most EventHardwareError per second per link and cause that reach clients; the rest of the
/// second is counted and sent as one EventHardwareError whose Extensions <c>suppressed</c> says how many.
/// </param>
/// <param name="DropErrorsPerSecond">
/// <c>drop-errors-per-second</c>: a link that has at least this many hardware errors in each second of
/// <paramref name="DropWindow"/> is dropped and reconnected (hardware error <c>error-storm</c>); 0 never drops.
/// </param>
/// <param name="DropWindow"><c>drop-window-s</c>: how many consecutive seconds the rate must hold.</param>
public sealed record HardwareErrorSettings(int EventsPerSecond, int DropErrorsPerSecond, TimeSpan DropWindow)
{
    /// <summary>10 events per second per cause; drop at 100 errors per second held for 10 s.</summary>
    public static HardwareErrorSettings Default { get; } = new(10, 100, TimeSpan.FromSeconds(10));
}
