using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CtiGateway.Transport.Serial;

/// <summary>
/// A serial line on Linux opened and configured directly through termios (raw mode, the line settings, exclusive
/// like System.IO.Ports), read with VMIN = 0 / VTIME = 1 so that a blocked read returns within 0.1 s and a reader
/// thread can stop. Unlike <see cref="SystemSerialPort"/>, whose Unix stream polls the device every millisecond while
/// a read is pending, an idle line costs ten wake-ups a second and a busy one one wake-up per read
/// (docs/performance.md "Serial line"). <see cref="SerialDuplexPipe"/> reads it on a dedicated thread.
/// </summary>
internal sealed class PosixTtyPort : ISerialPort
{
    private readonly SerialLinkSettings _settings;
    private SafeFileHandle? _handle;
    private TtyStream? _stream;

    /// <summary>Creates the port; <see cref="Open"/> opens it.</summary>
    /// <exception cref="SerialLinkException">The settings are not usable.</exception>
    public PosixTtyPort(SerialLinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.EnsureValid();
        _settings = settings;
    }

    /// <summary>True where this port works (Linux).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <inheritdoc/>
    public string PortName => _settings.PortName;

    /// <inheritdoc/>
    public bool IsOpen => _handle is { IsClosed: false };

    /// <inheritdoc/>
    public Stream BaseStream => _stream ?? throw new InvalidOperationException($"serial port '{PortName}' is not open");

    /// <summary>The open stream, for the reader thread.</summary>
    internal TtyStream Stream => _stream ?? throw new InvalidOperationException($"serial port '{PortName}' is not open");

    /// <inheritdoc/>
    public void Open()
    {
        if (IsOpen)
        {
            return;
        }

        var fd = PosixTermios.Open(PortName, PosixTermios.ORdWr | PosixTermios.ONoCtty | PosixTermios.OCloExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            var reason = errno switch
            {
                2 => "device not found",
                13 => "access denied (is the user in the dialout group?)",
                16 => "device busy (another program has it open)",
                _ => "cannot be opened",
            };
            throw new SerialLinkException(PortName, $"{reason}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            Configure(handle);
            _handle = handle;
            _stream = new TtyStream(handle, PortName);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        _stream?.Stop();
        _handle?.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    private void Configure(SafeFileHandle handle)
    {
        var t = default(PosixTermios.Termios);
        if (PosixTermios.GetAttributes(handle, ref t) != 0)
        {
            throw Failure("is not a serial line (tcgetattr)");
        }

        PosixTermios.MakeRaw(ref t);
        var c = t.ControlFlags & ~(PosixTermios.Csize | PosixTermios.Cstopb | PosixTermios.Parenb | PosixTermios.Parodd | PosixTermios.Cmspar | PosixTermios.Crtscts);
        c |= PosixTermios.Cread | PosixTermios.Clocal;
        c |= _settings.DataBits switch { 5 => 0x00u, 6 => 0x10u, 7 => 0x20u, _ => 0x30u };
        if (_settings.StopBits != SerialStopBits.One)
        {
            c |= PosixTermios.Cstopb;
        }

        c |= _settings.Parity switch
        {
            SerialParity.Even => PosixTermios.Parenb,
            SerialParity.Odd => PosixTermios.Parenb | PosixTermios.Parodd,
            SerialParity.Mark => PosixTermios.Parenb | PosixTermios.Parodd | PosixTermios.Cmspar,
            SerialParity.Space => PosixTermios.Parenb | PosixTermios.Cmspar,
            _ => 0u,
        };
        if (_settings.FlowControl == SerialFlowControl.RtsCts)
        {
            c |= PosixTermios.Crtscts;
        }

        t.ControlFlags = c;
        var i = t.InputFlags & ~(PosixTermios.Ixon | PosixTermios.Ixoff | PosixTermios.Ixany | PosixTermios.Inpck);
        if (_settings.FlowControl == SerialFlowControl.XonXoff)
        {
            i |= PosixTermios.Ixon | PosixTermios.Ixoff;
        }

        if (_settings.Parity != SerialParity.None)
        {
            i |= PosixTermios.Inpck;
        }

        t.InputFlags = i;
        t.ControlCharacters[PosixTermios.Vmin] = 0;
        t.ControlCharacters[PosixTermios.Vtime] = 1;
        if (PosixTermios.SetSpeed(ref t, PosixTermios.SpeedConstant(_settings.BaudRate)) != 0)
        {
            throw Failure(string.Create(CultureInfo.InvariantCulture, $"rejects {_settings.BaudRate} baud (cfsetspeed)"));
        }

        if (PosixTermios.SetAttributes(handle, PosixTermios.TcsaNow, ref t) != 0)
        {
            throw Failure("rejects the line settings (tcsetattr)");
        }

        if (PosixTermios.IoctlNoArgument(handle, PosixTermios.Tiocexcl) != 0)
        {
            throw Failure("cannot be opened exclusively (TIOCEXCL)");
        }
    }

    private SerialLinkException Failure(string what)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new SerialLinkException(PortName, $"{PortName} {what}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }
}
