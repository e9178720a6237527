using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CtiGateway.Transport.Serial;

/// <summary>
/// The Linux <c>struct termios</c> (glibc layout, the same on x86-64 and arm64) and the libc calls on a tty file
/// descriptor that <see cref="PosixTtyPort"/> needs.
/// </summary>
internal static partial class PosixTermios
{
    public const int ORdWr = 0x2;
    public const int ONoCtty = 0x100;
    public const int OCloExec = 0x80000;
    public const int TcsaNow = 0;
    public const int Vtime = 5;
    public const int Vmin = 6;
    public const uint Tiocexcl = 0x540C;

    public const uint Csize = 0x30;
    public const uint Cstopb = 0x40;
    public const uint Cread = 0x80;
    public const uint Parenb = 0x100;
    public const uint Parodd = 0x200;
    public const uint Clocal = 0x800;
    public const uint Cmspar = 0x40000000;
    public const uint Crtscts = 0x80000000;
    public const uint Inpck = 0x10;
    public const uint Ixon = 0x400;
    public const uint Ixany = 0x800;
    public const uint Ixoff = 0x1000;

    /// <summary>The Bnnn speed constants of the standard rates.</summary>
    public static uint SpeedConstant(int baud) => baud switch
    {
        50 => 0x1,
        75 => 0x2,
        110 => 0x3,
        134 => 0x4,
        150 => 0x5,
        200 => 0x6,
        300 => 0x7,
        600 => 0x8,
        1200 => 0x9,
        1800 => 0xA,
        2400 => 0xB,
        4800 => 0xC,
        9600 => 0xD,
        19200 => 0xE,
        38400 => 0xF,
        57600 => 0x1001,
        115200 => 0x1002,
        230400 => 0x1003,
        460800 => 0x1004,
        921600 => 0x1007,
        _ => throw new ArgumentOutOfRangeException(nameof(baud), baud, "not a standard rate"),
    };

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetAttributes(SafeHandle fd, ref Termios termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetAttributes(SafeHandle fd, int optionalActions, ref Termios termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void MakeRaw(ref Termios termios);

    [LibraryImport("libc", EntryPoint = "cfsetspeed", SetLastError = true)]
    public static partial int SetSpeed(ref Termios termios, uint speed);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int IoctlNoArgument(SafeHandle fd, nuint request);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(SafeHandle fd, ref byte buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(SafeHandle fd, ref byte buffer, nuint count);

    /// <summary>glibc <c>struct termios</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Termios
    {
        public uint InputFlags;
        public uint OutputFlags;
        public uint ControlFlags;
        public uint LocalFlags;
        public byte Line;
        public ControlCharacters ControlCharacters;
        public uint InputSpeed;
        public uint OutputSpeed;
    }

    /// <summary><c>c_cc[NCCS]</c>, NCCS = 32.</summary>
    [InlineArray(32)]
    public struct ControlCharacters
    {
        private byte _element;
    }
}
