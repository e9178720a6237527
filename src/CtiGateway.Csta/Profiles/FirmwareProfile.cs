namespace CtiGateway.Pbx.Profiles;

/// <summary>
/// One PBX model and firmware range as a switch link needs to know it (firmware-profiles/*.json, switch.md section 5):
/// transport, framing and its timers, CSTA dialect, keep-alive, quirks, DN numbering plan, supported services and how
/// hardware-error storms are handled.
/// </summary>
public sealed record FirmwareProfile(
    string Id,
    string Model,
    FirmwareRange Firmware,
    string? Notes,
    TransportSettings Transport,
    FramingSettings Framing,
    DialectSettings Dialect,
    KeepAliveSettings KeepAlive,
    IReadOnlyList<string> Quirks,
    IReadOnlyList<DnRange> NumberingPlan,
    IReadOnlyList<string> Services)
{
    /// <summary>Coalescing of EventHardwareError and the error-storm drop (<c>hardware-errors</c>; defaults when absent).</summary>
    public HardwareErrorSettings HardwareErrors { get; init; } = HardwareErrorSettings.Default;

    /// <summary>Whether the profile names the quirk flag <paramref name="quirk"/> (see <see cref="ProfileVocabulary.Quirks"/>).</summary>
    public bool HasQuirk(string quirk) => Quirks.Contains(quirk, StringComparer.Ordinal);

    /// <summary>Whether the switch supports the CSTA service <paramref name="service"/>.</summary>
    public bool Supports(string service) => Services.Contains(service, StringComparer.Ordinal);

    /// <summary>The numbering-plan range holding <paramref name="dn"/>, or null.</summary>
    public DnRange? RangeOf(string dn) => NumberingPlan.FirstOrDefault(r => r.Contains(dn));
}
