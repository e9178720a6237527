using System.Globalization;
using CtiGateway.Pbx.Profiles;
using CtiGateway.Transport.Serial;
using ProfileFlowControl = CtiGateway.Pbx.Profiles.SerialFlowControl;
using ProfileParity = CtiGateway.Pbx.Profiles.SerialParity;
using SerialFlowControl = CtiGateway.Transport.Serial.SerialFlowControl;
using SerialParity = CtiGateway.Transport.Serial.SerialParity;

namespace CtiGateway.Switching;

/// <summary>
/// The line settings of one serial link: the profile's baud, data bits, parity, stop bits and flow control, with the
/// link's overrides (<c>Switches:N:Links:M:Baud</c>, <c>:DataBits</c>, <c>:Parity</c>, <c>:StopBits</c>,
/// <c>:FlowControl</c>) applied, and their validation with key paths.
/// </summary>
internal static class SerialLineSettings
{
    /// <summary>
    /// The gateway coalesces serial reads over this long (at most 230 bytes at 115200 baud): far below any CSTA
    /// timer, and it keeps the receive path from waking for every few bytes a UART hands over (docs/performance.md).
    /// </summary>
    public static readonly TimeSpan ReadCoalescing = TimeSpan.FromMilliseconds(20);

    public static readonly string[] ParityNames = ["none", "even", "odd", "mark", "space"];

    public static readonly string[] StopBitsNames = ["1", "1.5", "2"];

    public static readonly string[] FlowControlNames = ["none", "xon-xoff", "rts-cts"];

    /// <summary>The settings for <paramref name="link"/>; call <see cref="Validate"/> first (bad overrides fall back to the profile).</summary>
    public static SerialLinkSettings For(FirmwareProfile profile, SwitchLinkSettings link)
    {
        var line = profile.Transport.Serial ?? throw new ArgumentException($"profile {profile.Id} has no serial settings.", nameof(profile));
        return new SerialLinkSettings
        {
            PortName = link.Device,
            ReadCoalescing = ReadCoalescing,
            BaudRate = link.Baud ?? line.Baud,
            DataBits = link.DataBits ?? line.DataBits,
            Parity = ParseParity(link.Parity) ?? line.Parity switch
            {
                ProfileParity.Even => SerialParity.Even,
                ProfileParity.Odd => SerialParity.Odd,
                ProfileParity.Mark => SerialParity.Mark,
                ProfileParity.Space => SerialParity.Space,
                _ => SerialParity.None,
            },
            StopBits = ParseStopBits(link.StopBits) ?? line.StopBits switch
            {
                2 => SerialStopBits.Two,
                1.5 => SerialStopBits.OnePointFive,
                _ => SerialStopBits.One,
            },
            FlowControl = ParseFlowControl(link.FlowControl) ?? line.FlowControl switch
            {
                ProfileFlowControl.RtsCts => SerialFlowControl.RtsCts,
                ProfileFlowControl.XonXoff => SerialFlowControl.XonXoff,
                _ => SerialFlowControl.None,
            },
        };
    }

    /// <summary>Checks the serial keys of one link of a serial profile; one line per problem with the key path.</summary>
    public static IEnumerable<string> Validate(FirmwareProfile profile, SwitchLinkSettings link, string linkKey)
    {
        var ok = true;
        if (string.IsNullOrWhiteSpace(link.Device))
        {
            ok = false;
            yield return $"{linkKey}:Device: a serial device is required for profile '{profile.Id}' (for example /dev/ttyS0 or /dev/ttyUSB0)";
        }
        else if (link.Device.Any(char.IsWhiteSpace) || !Path.IsPathRooted(link.Device))
        {
            ok = false;
            yield return $"{linkKey}:Device: '{link.Device}' is not an absolute device path (for example /dev/ttyS0)";
        }

        if (link.Baud is { } baud && !SerialLinkSettings.StandardBaudRates.Contains(baud))
        {
            ok = false;
            yield return $"{linkKey}:Baud: {baud} is not a standard rate ({string.Join(", ", SerialLinkSettings.StandardBaudRates)})";
        }

        if (link.DataBits is { } bits and (< 5 or > 8))
        {
            ok = false;
            yield return $"{linkKey}:DataBits: {bits} is out of range (5 to 8)";
        }

        if (link.Parity is not null && ParseParity(link.Parity) is null)
        {
            ok = false;
            yield return $"{linkKey}:Parity: '{link.Parity}' is not one of {string.Join(", ", ParityNames)}";
        }

        if (link.StopBits is not null && ParseStopBits(link.StopBits) is null)
        {
            ok = false;
            yield return $"{linkKey}:StopBits: '{link.StopBits}' is not one of {string.Join(", ", StopBitsNames)}";
        }

        if (link.FlowControl is not null && ParseFlowControl(link.FlowControl) is null)
        {
            ok = false;
            yield return $"{linkKey}:FlowControl: '{link.FlowControl}' is not one of {string.Join(", ", FlowControlNames)}";
        }

        if (ok)
        {
            // Combinations (1.5 stop bits needs 5 data bits, ...), after the overrides are applied.
            foreach (var problem in For(profile, link).Validate())
            {
                yield return $"{linkKey}: {problem}";
            }
        }
    }

    private static SerialParity? ParseParity(string? text) => text?.ToLowerInvariant() switch
    {
        "none" => SerialParity.None,
        "even" => SerialParity.Even,
        "odd" => SerialParity.Odd,
        "mark" => SerialParity.Mark,
        "space" => SerialParity.Space,
        _ => null,
    };

    private static SerialStopBits? ParseStopBits(string? text) => text?.Trim() switch
    {
        "1" => SerialStopBits.One,
        "1.5" => SerialStopBits.OnePointFive,
        "2" => SerialStopBits.Two,
        _ => null,
    };

    private static SerialFlowControl? ParseFlowControl(string? text) => text?.ToLowerInvariant() switch
    {
        "none" => SerialFlowControl.None,
        "xon-xoff" or "xonxoff" => SerialFlowControl.XonXoff,
        "rts-cts" or "rtscts" => SerialFlowControl.RtsCts,
        _ => null,
    };

    /// <summary>Line settings for logs: <c>19200 8N1 none</c>.</summary>
    public static string Describe(SerialLinkSettings s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.BaudRate} {s.DataBits}{s.Parity.ToString()[0]}{(s.StopBits switch { SerialStopBits.Two => "2", SerialStopBits.OnePointFive => "1.5", _ => "1" })} flow {s.FlowControl.ToString().ToLowerInvariant()}");
}
