using System.Collections.Immutable;

namespace CtiGateway.Transport.Serial;

/// <summary>Settings of one asynchronous serial line (the serial part of a firmware profile).</summary>
public sealed record SerialLinkSettings
{
    /// <summary>The standard baud rates accepted by <see cref="Validate"/>.</summary>
    public static ImmutableArray<int> StandardBaudRates { get; } =
    [
        50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400, 57600,
        115200, 230400, 460800, 921600,
    ];

    /// <summary>Device path or name of the port, for example <c>/dev/ttyS0</c> or <c>/dev/ttyUSB0</c>.</summary>
    public string PortName { get; init; } = "";

    /// <summary>Line speed in bits per second (one of <see cref="StandardBaudRates"/>).</summary>
    public int BaudRate { get; init; } = 9600;

    /// <summary>Parity bit.</summary>
    public SerialParity Parity { get; init; } = SerialParity.None;

    /// <summary>Data bits per character, 5 to 8.</summary>
    public int DataBits { get; init; } = 8;

    /// <summary>Stop bits per character.</summary>
    public SerialStopBits StopBits { get; init; } = SerialStopBits.One;

    /// <summary>Flow control (handshake).</summary>
    public SerialFlowControl FlowControl { get; init; } = SerialFlowControl.None;

    /// <summary>
    /// Paces what is written to the line at <see cref="BaudRate"/> (a <see cref="LineRatePacer"/>): a pseudo-terminal
    /// has no baud rate and would otherwise carry data at memory speed. Off for real ports, whose UART paces itself.
    /// </summary>
    public bool PaceOutput { get; init; }

    /// <summary>
    /// After each read from the port, wait this long before reading again, so that bytes arriving meanwhile are taken
    /// in one read (like termios VTIME). A UART hands over a few bytes at a time; without coalescing a busy line costs
    /// one wake-up of the whole receive path per few bytes. Adds at most this much latency. Zero (the default) reads
    /// as soon as the previous read completes.
    /// </summary>
    public TimeSpan ReadCoalescing { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Timeout of synchronous reads on the port; <see cref="Timeout.InfiniteTimeSpan"/> (the default) waits forever.
    /// The duplex pipe reads asynchronously and is stopped by disposal, not by this timeout.
    /// </summary>
    public TimeSpan ReadTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Bits on the wire per character: start bit, data bits, parity bit and stop bits (1.5 stop bits counts as 1.5).</summary>
    public double BitsPerCharacter => HalfBitsPerCharacter / 2.0;

    /// <summary>Bits per character counted in half bits, so that 1.5 stop bits stays an integer.</summary>
    internal int HalfBitsPerCharacter =>
        2 * (1 + DataBits + (Parity == SerialParity.None ? 0 : 1)) + StopBits switch
        {
            SerialStopBits.OnePointFive => 3,
            SerialStopBits.Two => 4,
            _ => 2,
        };

    /// <summary>Checks every setting and returns one message per problem (empty when the settings are usable).</summary>
    /// <returns>The problems found, each naming the setting and the offending value.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(PortName))
        {
            problems.Add("serial port-name is empty: give the device path, for example /dev/ttyS0");
        }

        if (!StandardBaudRates.Contains(BaudRate))
        {
            problems.Add($"serial baud-rate {BaudRate} is not a standard rate ({string.Join(", ", StandardBaudRates)})");
        }

        if (DataBits is < 5 or > 8)
        {
            problems.Add($"serial data-bits {DataBits} is out of range (5 to 8)");
        }

        if (!Enum.IsDefined(Parity))
        {
            problems.Add($"serial parity {(int)Parity} is unknown (none, odd, even, mark, space)");
        }

        if (!Enum.IsDefined(StopBits))
        {
            problems.Add($"serial stop-bits {(int)StopBits} is unknown (1, 1.5, 2)");
        }
        else if (StopBits == SerialStopBits.OnePointFive && DataBits != 5)
        {
            problems.Add($"serial stop-bits 1.5 needs 5 data bits, not {DataBits}");
        }
        else if (StopBits == SerialStopBits.Two && DataBits == 5)
        {
            problems.Add("serial stop-bits 2 is not possible with 5 data bits: use 1.5");
        }

        if (!Enum.IsDefined(FlowControl))
        {
            problems.Add($"serial flow-control {(int)FlowControl} is unknown (none, rts-cts, xon-xoff)");
        }

        if (ReadCoalescing < TimeSpan.Zero || ReadCoalescing > TimeSpan.FromSeconds(1))
        {
            problems.Add($"serial read-coalescing {ReadCoalescing} must be from 0 to 1 s");
        }

        if (ReadTimeout != Timeout.InfiniteTimeSpan
            && (ReadTimeout <= TimeSpan.Zero || ReadTimeout.TotalMilliseconds > int.MaxValue))
        {
            problems.Add($"serial read-timeout {ReadTimeout} must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}, or infinite");
        }

        return problems;
    }

    /// <summary>Throws a <see cref="SerialLinkException"/> listing every problem when <see cref="Validate"/> finds any.</summary>
    /// <exception cref="SerialLinkException">The settings are not usable.</exception>
    public void EnsureValid()
    {
        IReadOnlyList<string> problems = Validate();
        if (problems.Count > 0)
        {
            throw new SerialLinkException(PortName, "invalid serial settings: " + string.Join("; ", problems));
        }
    }
}
